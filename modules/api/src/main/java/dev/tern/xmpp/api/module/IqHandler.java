package dev.tern.xmpp.api.module;

import dev.tern.xmpp.api.Element;

/** Handles one kind of IQ request. */
@FunctionalInterface
public interface IqHandler {

    /**
     * Returns the reply (an IQ result or error, built with {@link IqRequest}), or null when
     * the handler will route the reply itself later.
     *
     * @throws StanzaException to reply with its stanza error
     */
    Element handle(IqRequest request) throws Exception;
}
