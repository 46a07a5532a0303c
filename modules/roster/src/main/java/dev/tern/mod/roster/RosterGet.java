package dev.tern.mod.roster;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.module.IqHandler;
import dev.tern.xmpp.api.module.IqRequest;
import dev.tern.xmpp.api.module.Sessions;
import dev.tern.xmpp.api.roster.RosterItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Replies to a roster get (RFC 6121 section 2.1.3) and marks the requesting session as interested
 * in roster pushes. With roster versioning (section 2.6): when the request's {@code ver} names the
 * current version, the result is empty because nothing changed; otherwise it carries the whole
 * roster with the current version.
 */
final class RosterGet implements IqHandler {

    private final RosterStore store;
    private final Sessions sessions;

    RosterGet(RosterStore store, Sessions sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    @Override
    public Element handle(IqRequest request) throws Exception {
        RosterAccess.requireOwnRoster(request);
        sessions.setRosterInterested(request.from());

        RosterStore.Snapshot snapshot = store.snapshot(request.to().bare());
        String clientVersion = request.payload().attribute("ver");
        if (String.valueOf(snapshot.version()).equals(clientVersion)) {
            return request.result();
        }

        List<Element> items = new ArrayList<>(snapshot.items().size());
        for (RosterItem item : snapshot.items()) {
            items.add(RosterXml.item(item));
        }
        return request.result(RosterXml.query(items, snapshot.version()));
    }
}
