package dev.tern.server.module;

import dev.tern.xmpp.api.Element;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A router that only records what it is given to route. */
final class RecordingRouter implements StanzaRouter {

    private final List<Element> routed = new CopyOnWriteArrayList<>();

    @Override
    public void route(Element stanza) {
        routed.add(stanza);
    }

    List<Element> routed() {
        return List.copyOf(routed);
    }
}
