package dev.tern.hotload;

import dev.tern.hotload.api.Registration;

/**
 * One registration of a module context: staged until the context goes live, then live in the
 * host's sink until withdrawn. The module may remove it at any time.
 */
final class RegistrationEntry<R> implements Registration {

    private final ModuleContextImpl<R> owner;
    final R registration;
    private RegistrationSink.Handle handle;
    private boolean removed;

    RegistrationEntry(ModuleContextImpl<R> owner, R registration) {
        this.owner = owner;
        this.registration = registration;
    }

    /**
     * Makes the registration live unless the module removed it or the context is no longer
     * live; a second call does nothing.
     */
    synchronized void apply(RegistrationSink<R> sink, String module) throws Exception {
        if (!removed && handle == null && owner.phase() == ModuleContextImpl.Phase.LIVE) {
            handle = sink.add(module, registration);
        }
    }

    /** Takes the registration out of the sink, keeping it for a later {@link #apply}. */
    synchronized void withdraw() {
        if (handle != null) {
            RegistrationSink.Handle live = handle;
            handle = null;
            live.remove();
        }
    }

    synchronized boolean isLive() {
        return handle != null;
    }

    @Override
    public void remove() {
        synchronized (this) {
            if (removed) {
                return;
            }
            removed = true;
            withdraw();
        }
        owner.forget(this);
    }

    @Override
    public String toString() {
        return String.valueOf(registration);
    }
}
