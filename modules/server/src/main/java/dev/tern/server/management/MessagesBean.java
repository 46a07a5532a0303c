package dev.tern.server.management;

import dev.tern.server.auth.AccountStore;
import dev.tern.server.router.Router;
import dev.tern.server.session.SessionEntry;
import dev.tern.server.session.SessionManager;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Implements {@link MessagesMXBean}: messages from the domain, through the router or straight to sessions. */
final class MessagesBean implements MessagesMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(MessagesBean.class);

    private final String domain;
    private final AccountStore accounts;
    private final SessionManager sessions;
    private final Router router;

    MessagesBean(String domain, AccountStore accounts, SessionManager sessions, Router router) {
        this.domain = domain;
        this.accounts = accounts;
        this.sessions = sessions;
        this.router = router;
    }

    @Override
    public void send(String to, String body) {
        Jid recipient = Jid.parse(to);
        if (!recipient.domainpart().equals(domain) || recipient.localpart() == null) {
            throw new IllegalArgumentException("'" + to + "' is not a user of '" + domain + "'; send to user@" + domain);
        }
        if (!accounts.exists(recipient.localpart())) {
            throw new IllegalArgumentException("No account '" + recipient.localpart() + "'");
        }
        router.route(message(recipient, null, requireBody(body)));
        LOG.info("Sent a message from '{}' to '{}' on a management request", domain, recipient);
    }

    @Override
    public int announce(String body) {
        String text = requireBody(body);
        int delivered = 0;
        for (SessionEntry entry : sessions.all()) {
            if (sessions.deliver(entry.fullJid(), message(entry.fullJid(), "headline", text))) {
                delivered++;
            }
        }
        LOG.info("Announced a message from '{}' to {} sessions on a management request", domain, delivered);
        return delivered;
    }

    private Element message(Jid to, String type, String body) {
        Element.Builder message = Element.builder(Namespaces.CLIENT, "message")
                .attribute("from", domain)
                .attribute("to", to.toString());
        if (type != null) {
            message.attribute("type", type);
        }
        return message.child(Element.of(Namespaces.CLIENT, "body").withText(body)).build();
    }

    private static String requireBody(String body) {
        if (body == null || body.isEmpty()) {
            throw new IllegalArgumentException("The message body is empty; give the text to send");
        }
        return body;
    }
}
