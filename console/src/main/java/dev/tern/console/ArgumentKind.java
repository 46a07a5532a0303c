package dev.tern.console;

/** What a command argument names, which decides the completion candidates fetched for it. */
enum ArgumentKind {
    /** An account's username. */
    USER,
    /** A bound full JID, or the bare JID of a user with sessions. */
    SESSION_JID,
    /** Any JID; completes to bound JIDs. */
    JID,
    /** An installed module's name. */
    MODULE,
    /** A module name found in the repository. */
    AVAILABLE_MODULE,
    /** A version of the module named by the previous argument, found in the repository. */
    MODULE_VERSION,
    /** A live process, as its serial number or {@code <0.N.0>}. */
    PID,
    /** An exit reason such as {@code kill}. */
    EXIT_REASON,
    /** A logger name. */
    LOGGER,
    /** A log level. */
    LEVEL,
    /** Free text: the rest of the line. */
    TEXT
}
