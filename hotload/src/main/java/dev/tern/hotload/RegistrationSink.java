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

    /**
     * Opens the switch of an upgrade of {@code module}: until {@link #endSwitch}, hotload
     * withdraws the old version's registrations and adds the new version's (or, when the
     * upgrade fails, the reverse). A sink may collect those changes and publish them at the end
     * in one step, so that code outside the module's {@link DispatchGate}, such as a lookup of an
     * API the module provides, never sees the module without registrations. {@link #add} must
     * still reject a registration it cannot take. The default does nothing.
     */
    default void beginSwitch(String module) {
    }

    /**
     * Closes the switch opened by {@link #beginSwitch}: the net result of the adds and removals
     * since then must be live when this returns. Hotload calls it once for each
     * {@code beginSwitch}, also when the switch failed, before the gate opens. The default does
     * nothing.
     */
    default void endSwitch(String module) {
    }

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
