package dev.tern.mod.presence;

import dev.tern.mod.presence.SubscriptionTables.Type;
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaHook;

/**
 * The hook for presence that a local client sends ({@code FROM_CLIENT}). After the syntax check,
 * this hook handles broadcast presence and subscription stanzas in full. Directed presence is
 * recorded, and then the server routes it. A client's probe is dropped, because only servers
 * send probes (RFC 6121 section 4.3). An error passes on to the server's routing.
 */
final class ClientPresenceHook implements StanzaHook {

    private final PresenceBroadcast broadcast;
    private final OutboundSubscriptions subscriptions;
    private final DirectedPresence directed;

    ClientPresenceHook(PresenceBroadcast broadcast, OutboundSubscriptions subscriptions, DirectedPresence directed) {
        this.broadcast = broadcast;
        this.subscriptions = subscriptions;
        this.directed = directed;
    }

    @Override
    public HookResult handle(StanzaContext stanza) throws Exception {
        PresenceSyntax.validate(stanza.stanza());
        String type = stanza.type();

        Type subscriptionType = Type.of(type);
        if (subscriptionType != null) {
            subscriptions.handle(stanza, subscriptionType);
            return HookResult.HANDLED;
        }
        if ("probe".equals(type)) {
            return HookResult.HANDLED;
        }
        if ("error".equals(type)) {
            return HookResult.PASS;
        }

        if (stanza.hasNoTo()) {
            broadcast.handle(stanza);
            return HookResult.HANDLED;
        }
        // Directed presence (section 4.6): remember who must hear of the session's end.
        if (type == null) {
            directed.sentAvailable(stanza.from(), stanza.to());
        } else {
            directed.sentUnavailable(stanza.from(), stanza.to());
        }
        return HookResult.PASS;
    }
}
