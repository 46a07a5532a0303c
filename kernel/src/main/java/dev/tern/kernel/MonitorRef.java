package dev.tern.kernel;

/**
 * Names one monitor, as returned by {@code monitor}; pass it to {@code demonitor} to stop
 * watching. Compared by identity, like an Erlang reference.
 */
public final class MonitorRef {

    final ProcessCell target;
    final Watcher watcher;

    MonitorRef(ProcessCell target, Watcher watcher) {
        this.target = target;
        this.watcher = watcher;
    }

    /** Returns the monitored process. */
    public Pid target() {
        return target.pid;
    }

    @Override
    public String toString() {
        return "#Ref<" + target.pid + "@" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
