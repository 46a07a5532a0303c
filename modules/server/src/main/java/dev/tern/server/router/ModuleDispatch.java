package dev.tern.server.router;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.IqRequest;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.module.StanzaHook.HookResult;
import java.util.List;

/**
 * The feature modules as the router and the streams use them: IQ handlers, stanza hooks and
 * session listeners. The module host implements it; {@link #NONE} is the server without
 * modules. Every method runs in the calling stream process.
 */
public interface ModuleDispatch {

    /** The outcome of offering an IQ request to the modules. */
    sealed interface IqOutcome {

        /** No module handles the request's namespace and type for its target. */
        record Unhandled() implements IqOutcome {
        }

        /** A module returned {@code reply}, a result or error addressed to the requester. */
        record Replied(Element reply) implements IqOutcome {
        }

        /** A module took the request and routes its reply itself later. */
        record Deferred() implements IqOutcome {
        }
    }

    /** The server without modules: no handler, no hook, no listener. */
    ModuleDispatch NONE = new ModuleDispatch() {
    };

    /**
     * Offers an IQ get or set to the handler registered for {@code target}, the request's type
     * and its payload's namespace.
     */
    default IqOutcome dispatchIq(IqTarget target, IqRequest request) {
        return new IqOutcome.Unhandled();
    }

    /**
     * Runs the hooks of {@code stanza.event()} in priority order until one handles it.
     *
     * @throws StanzaException when a hook rejects the stanza with an error
     */
    default HookResult runHooks(StanzaContext stanza) throws StanzaException {
        return HookResult.PASS;
    }

    /** Tells the modules that {@code fullJid} bound a resource; runs before the bind result goes out. */
    default void sessionOpened(Jid fullJid) {
    }

    /** Tells the modules that the session of {@code fullJid} ended and left the session table. */
    default void sessionClosed(Jid fullJid, Element lastPresence) {
    }

    /** Returns extra children of {@code <stream:features/>} after resource binding; none by default. */
    default List<Element> establishedStreamFeatures() {
        return List.of();
    }
}
