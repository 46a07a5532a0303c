package dev.tern.hotload;

/**
 * Receives module events, for the management plane and for monitoring. Methods run on the
 * thread doing the operation, inside it, so they must be short; an exception they throw is
 * logged and ignored, except from {@link #upgradePhase}, where it fails the upgrade.
 */
public interface ModuleListener {

    /** Receives the name of a module just installed. */
    default void installed(String module) {
    }

    /** Receives the name of a module just uninstalled. */
    default void uninstalled(String module) {
    }

    /** Receives each phase an upgrade of {@code module} reaches, in order. */
    default void upgradePhase(String module, String fromVersion, String toVersion, UpgradePhase phase) {
    }
}
