package dev.tern.mod.presence;

import dev.tern.mod.presence.SubscriptionTables.Type;
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaHook;

/**
 * Presence addressed to a local account ({@code TO_ACCOUNT}): subscription stanzas and probes
 * are handled here and never reach a client as they are; available, unavailable and error
 * presence pass on to the server's delivery (RFC 6121 section 8.5).
 */
final class AccountPresenceHook implements StanzaHook {

    private final InboundSubscriptions subscriptions;
    private final ProbeReplies probes;

    AccountPresenceHook(InboundSubscriptions subscriptions, ProbeReplies probes) {
        this.subscriptions = subscriptions;
        this.probes = probes;
    }

    @Override
    public HookResult handle(StanzaContext stanza) throws Exception {
        PresenceSyntax.validate(stanza.stanza());
        Type subscriptionType = Type.of(stanza.type());
        if (subscriptionType != null) {
            subscriptions.handle(stanza, subscriptionType);
            return HookResult.HANDLED;
        }
        if ("probe".equals(stanza.type())) {
            probes.handle(stanza);
            return HookResult.HANDLED;
        }
        return HookResult.PASS;
    }
}
