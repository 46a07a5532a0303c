package dev.tern.mod.presence;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.SessionListener;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaEvent.Direction;
import dev.tern.xmpp.api.module.StanzaEvent.StanzaKind;
import java.util.Map;

/**
 * Presence (RFC 6121 sections 3 and 4). It covers subscription requests, approvals and
 * cancellations with the state tables of Appendix A and pre-approval, presence probes, the
 * broadcast of presence to subscribers and the user's own resources, directed presence, and
 * unavailable presence when a session ends. It needs the roster module's
 * {@link dev.tern.xmpp.api.roster.Roster}.
 *
 * <p>Its in-memory state is the directed presence of each session and the set of available
 * resources. It hands both to its next version as the live collections (see
 * {@link DirectedPresence#adopt} and {@link Availability#adopt}), so updates that the old
 * version makes during the switch are not lost.
 */
public final class PresenceModule implements FeatureModule {

    static final String DIRECTED_STATE = "directed";
    static final String AVAILABLE_STATE = "available";

    private volatile DirectedPresence directed = new DirectedPresence();
    private volatile Availability availability = new Availability();

    @Override
    public void start(ModuleContext context) {
        RosterLink rosterLink = new RosterLink(context);
        AccountResources resources = new AccountResources(context);
        PresenceBroadcast broadcast = new PresenceBroadcast(context, rosterLink, resources, directed, availability);
        OutboundSubscriptions outbound = new OutboundSubscriptions(context, rosterLink, resources);
        InboundSubscriptions inbound = new InboundSubscriptions(context, rosterLink, resources);
        ProbeReplies probes = new ProbeReplies(context, rosterLink, resources);

        context.implement("RFC 6121", "2011", "sections 3 and 4: subscriptions with pre-approval, probes, "
                + "broadcast and directed presence");
        context.hook(StanzaEvent.of(StanzaKind.PRESENCE, Direction.FROM_CLIENT), 0,
                new ClientPresenceHook(broadcast, outbound, directed));
        context.hook(StanzaEvent.of(StanzaKind.PRESENCE, Direction.TO_ACCOUNT), 0,
                new AccountPresenceHook(inbound, probes));
        context.onSession(new SessionListener() {
            @Override
            public void closed(Jid fullJid, Element lastPresence) {
                try {
                    broadcast.sessionClosed(fullJid, lastPresence);
                } catch (Exception e) {
                    context.log().log(System.Logger.Level.ERROR,
                            "Sending unavailable presence for the end of session '" + fullJid + "' failed", e);
                }
            }
        });
    }

    @Override
    public Map<String, Object> exportState() {
        return Map.of(DIRECTED_STATE, directed.exported(), AVAILABLE_STATE, availability.exported());
    }

    @Override
    public void importState(String fromVersion, Map<String, Object> state) {
        Object exportedDirected = state.get(DIRECTED_STATE);
        if (exportedDirected != null) {
            directed = DirectedPresence.adopt(exportedDirected);
        }
        Object exportedAvailability = state.get(AVAILABLE_STATE);
        if (exportedAvailability != null) {
            availability = Availability.adopt(exportedAvailability);
        }
    }
}
