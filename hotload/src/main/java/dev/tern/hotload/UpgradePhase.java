package dev.tern.hotload;

/** The steps of an upgrade, in order, as reported to a {@link ModuleListener}. */
public enum UpgradePhase {
    /** The new version is loaded, verified and started against a staging context; nothing switched yet. */
    STAGED,
    /** The module's gate is closed and its migrating servers are suspended. */
    SUSPENDED,
    /** Every migrating server runs the new callbacks with converted state; still suspended. */
    CODE_CHANGED,
    /** The new version's registrations and MBeans replaced the old ones. */
    SWITCHED,
    /** Servers resumed and the gate opened: the new version serves. The old version is stopped next. */
    RESUMED
}
