package dev.tern.server.management;

import java.util.List;

/** The rosters of local accounts, read through the roster module, as {@code tern:type=Roster}. */
public interface RosterMXBean {

    /**
     * Returns the roster items of {@code username}, as a roster get returns them.
     *
     * @throws IllegalArgumentException when no such account exists
     * @throws IllegalStateException    when the roster module does not run
     */
    List<RosterItemView> show(String username);
}
