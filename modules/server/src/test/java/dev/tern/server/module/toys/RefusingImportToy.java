package dev.tern.server.module.toys;

import java.util.Map;

/** A version of {@link VersionedToy} that cannot read the state an older version exported. */
public final class RefusingImportToy extends VersionedToy {

    @Override
    public void importState(String fromVersion, Map<String, Object> state) {
        throw new IllegalArgumentException("Cannot read state of version " + fromVersion);
    }
}
