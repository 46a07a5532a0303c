package dev.tern.hotload;

/**
 * Receives module events, for the management plane and for monitoring. Methods run on the
 * thread doing the operation, inside it, so they must be short; an exception they throw is
 * logged and ignored, except from {@link #upgradePhase}, where it fails the upgrade.
 */
public interface ModuleListener {

    /** A module was installed. */
    default void installed(String module) {
    }

    /** A module was uninstalled. */
    default void uninstalled(String module) {
    }

    /** An upgrade of {@code module} reached {@code phase}. */
    default void upgradePhase(String module, String fromVersion, String toVersion, UpgradePhase phase) {
    }
}
