package dev.tern.xmpp.api.module;

/** Code run for each stanza of a {@link StanzaEvent}. */
@FunctionalInterface
public interface StanzaHook {

    /**
     * Looks at or acts on a stanza. Returning {@link HookResult#HANDLED} stops the hooks of lower
     * priority and the server's default processing.
     *
     * @throws StanzaException to answer the stanza with its error (and stop processing)
     */
    HookResult handle(StanzaContext stanza) throws Exception;

    /** Whether processing goes on after a hook. */
    enum HookResult {
        /** Let lower-priority hooks and the server's default processing run. */
        PASS,
        /** The hook took care of the stanza. */
        HANDLED
    }
}
