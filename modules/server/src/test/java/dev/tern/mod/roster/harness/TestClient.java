package dev.tern.mod.roster.harness;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A client bound to a resource: what it sends goes through the router, what the server delivers collects in its inbox. */
public final class TestClient {

    private final Jid jid;
    private final InMemorySessions.BoundSession session;
    private final InMemoryRouter router;

    TestClient(Jid jid, InMemorySessions.BoundSession session, InMemoryRouter router) {
        this.jid = jid;
        this.session = session;
        this.router = router;
    }

    /** Returns the bound full JID. */
    public Jid jid() {
        return jid;
    }

    /** Sends {@code stanza} on this client's stream; the server stamps {@code from}. */
    public void send(Element stanza) {
        router.fromClient(jid, stanza);
    }

    /** Removes and returns everything delivered so far, in order. */
    public List<Element> drain() {
        List<Element> received = new ArrayList<>();
        session.inbox.drainTo(received);
        return received;
    }

    /** Removes everything delivered so far and returns the stanzas that match {@code filter}. */
    public List<Element> drain(Predicate<Element> filter) {
        return drain().stream().filter(filter).toList();
    }

    /** Sends {@code request} and returns the one reply with its id, failing when there is none; other deliveries stay queued. */
    public Element request(Element request) {
        send(request);
        String id = request.attribute("id");
        List<Element> received = new ArrayList<>();
        session.inbox.drainTo(received);
        Element reply = null;
        for (Element stanza : received) {
            if (reply == null && id.equals(stanza.attribute("id")) && isResponse(stanza)) {
                reply = stanza;
            } else {
                session.inbox.add(stanza);
            }
        }
        if (reply == null) {
            throw new AssertionError("No reply with id '" + id + "' reached " + jid + "; it received " + received);
        }
        return reply;
    }

    private static boolean isResponse(Element stanza) {
        String type = stanza.attribute("type");
        return "result".equals(type) || "error".equals(type);
    }

    @Override
    public String toString() {
        return jid.toString();
    }
}
