package dev.tern.hotload.testapi;

/** Answers one request routed to a module; the test host's stand-in for an IQ handler. */
@FunctionalInterface
public interface Handler {

    Object handle(Object request) throws Exception;
}
