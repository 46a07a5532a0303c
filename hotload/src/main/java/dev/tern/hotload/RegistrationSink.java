package dev.tern.hotload;

/**
 * The host's side of module registrations: its handler tables, hook lists and the like.
 * Hotload calls it for module starts, stops and the switch of an upgrade. The host's dispatch
 * reads the tables inside {@link DispatchGate#enter}, so it never finds a module halfway
 * through a switch.
 *
 * @param <R> the host's registration type
 */
@FunctionalInterface
public interface RegistrationSink<R> {

    /**
     * Makes {@code registration} live for {@code module} and returns how to withdraw it.
     *
     * @throws Exception when the host rejects it, e.g. a key another module already registered; the module's
     *                   start or upgrade then fails and is undone
     */
    Handle add(String module, R registration) throws Exception;

    /** Withdraws one live registration. */
    @FunctionalInterface
    interface Handle {

        /** Withdraws the registration; called once. */
        void remove();
    }

    /** Returns a sink that rejects every registration, for hosts without any. */
    static <R> RegistrationSink<R> rejecting() {
        return (module, registration) -> {
            throw new UnsupportedOperationException("This host takes no registrations, but module '" + module
                    + "' registered " + registration);
        };
    }
}
