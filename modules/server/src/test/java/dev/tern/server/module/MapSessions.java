package dev.tern.server.module;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.Sessions;
import java.util.List;
import java.util.Optional;

/** Sessions with no session at all: enough for tests of the host that deliver nothing. */
final class MapSessions implements Sessions {

    @Override
    public List<Session> resources(Jid bareJid) {
        return List.of();
    }

    @Override
    public Optional<Session> find(Jid fullJid) {
        return Optional.empty();
    }

    @Override
    public void setPresence(Jid fullJid, Element presence) {
    }

    @Override
    public void setRosterInterested(Jid fullJid) {
    }

    @Override
    public boolean deliver(Jid fullJid, Element stanza) {
        return false;
    }
}
