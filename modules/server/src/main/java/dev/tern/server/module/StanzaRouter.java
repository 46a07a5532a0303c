package dev.tern.server.module;

import dev.tern.xmpp.api.Element;

/**
 * The server core's router as the module host uses it: each
 * {@link dev.tern.xmpp.api.module.ModuleContext#route} goes through it. The server passes
 * {@code dev.tern.server.router.Router::route}; tests pass a small in-memory router.
 */
@FunctionalInterface
public interface StanzaRouter {

    /**
     * Routes {@code stanza}, whose {@code from} is set, to its {@code to}: to a local account
     * through the {@code TO_ACCOUNT} hooks and delivery, or to another server. Must not throw
     * for an unreachable recipient; the router replies with a stanza error instead.
     */
    void route(Element stanza);
}
