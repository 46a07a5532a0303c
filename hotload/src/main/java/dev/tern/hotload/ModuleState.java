package dev.tern.hotload;

/** The lifecycle states of a module. */
public enum ModuleState {
    /** Loaded and verified, not running. */
    INSTALLED,
    /** Its entry's start is running. */
    STARTING,
    /** Started; its processes and registrations are live. */
    RUNNING,
    /** Being replaced by another version; the old one serves until the switch. */
    UPGRADING,
    /** Its stop is running. */
    STOPPING,
    /** Its start failed, or its supervisor ended; lastError gives the reason. */
    FAILED
}
