package dev.tern.hotload;

import dev.tern.hotload.api.ModuleOptions;
import dev.tern.hotload.descriptor.ModuleDescriptor;
import dev.tern.hotload.loading.LoadedCode;

/** A module version loaded, verified and instantiated: its class loader, entry and options. */
final class LoadedVersion {

    final LoadedCode code;
    final Object entry;
    final ModuleOptions options;

    LoadedVersion(LoadedCode code, Object entry, ModuleOptions options) {
        this.code = code;
        this.entry = entry;
        this.options = options;
    }

    ModuleDescriptor descriptor() {
        return code.artifact().descriptor();
    }

    String version() {
        return descriptor().version();
    }

    ClassLoader classLoader() {
        return code.classLoader();
    }

    /** Closes the version's jar files; call once nothing runs its code any more. */
    void close() {
        code.close();
    }
}
