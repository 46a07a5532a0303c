package dev.tern.hotload;

import dev.tern.kernel.GenServer;

/**
 * One server of a module across versions: the module supervisor restarts it from here, so
 * after an upgrade switches {@link #callbacks} a crash restarts it with the new version's code.
 */
final class ServerSlot {

    final String id;
    final String registeredName;
    final Object args;
    volatile GenServer<?> callbacks;

    ServerSlot(String id, String registeredName, GenServer<?> callbacks, Object args) {
        this.id = id;
        this.registeredName = registeredName;
        this.callbacks = callbacks;
        this.args = args;
    }
}
