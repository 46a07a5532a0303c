package dev.tern.server.management;

import dev.tern.server.session.SessionEntry;
import dev.tern.server.session.SessionManager;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.StreamErrorCondition;
import java.util.Comparator;
import java.util.List;

/** Implements {@link SessionsMXBean} over the session table. */
final class SessionsBean implements SessionsMXBean {

    private static final String DEFAULT_TEXT = "An administrator closed this session";

    private final SessionManager sessions;

    SessionsBean(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Override
    public int getCount() {
        return sessions.count();
    }

    @Override
    public List<SessionView> list() {
        return sessions.all().stream()
                .map(SessionView::of)
                .sorted(Comparator.comparing(SessionView::jid))
                .toList();
    }

    @Override
    public List<SessionView> show(String jid) {
        return entries(jid).stream().map(SessionView::of).toList();
    }

    @Override
    public int kick(String jid, String condition, String text) {
        StreamErrorCondition error = condition == null || condition.isBlank() ? StreamErrorCondition.POLICY_VIOLATION
                : StreamErrorCondition.fromElementName(condition.strip());
        if (error == null) {
            throw new IllegalArgumentException("Stream error condition '" + condition + "' is not defined by RFC 6120 "
                    + "section 4.9.3; use for example policy-violation, not-authorized or system-shutdown");
        }
        String reason = text == null || text.isBlank() ? DEFAULT_TEXT : text;
        int kicked = 0;
        for (SessionEntry entry : entries(jid)) {
            if (sessions.kick(entry.fullJid(), error, reason)) {
                kicked++;
            }
        }
        return kicked;
    }

    private List<SessionEntry> entries(String text) {
        Jid jid = Jid.parse(text);
        List<SessionEntry> found = jid.isFull() ? sessions.entry(jid).stream().toList() : sessions.entries(jid);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("No session is bound for '" + jid + "'; 'list' shows the sessions");
        }
        return found;
    }
}
