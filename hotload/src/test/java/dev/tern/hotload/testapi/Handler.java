package dev.tern.hotload.testapi;

/** Handles one request routed to a module, as an IQ handler does in the XMPP server. */
@FunctionalInterface
public interface Handler {

    Object handle(Object request) throws Exception;
}
