package dev.tern.xmpp.api.module;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import java.util.Objects;

/**
 * A stanza passing a hook, with its addresses resolved.
 *
 * @param stanza the stanza; {@code from} is always set, by the client's server
 * @param from   the sender
 * @param to     the recipient; for a stanza with no {@code to} from a client, the sender's bare JID
 * @param event  where in its path the stanza is
 */
public record StanzaContext(Element stanza, Jid from, Jid to, StanzaEvent event) {

    public StanzaContext {
        Objects.requireNonNull(stanza, "stanza");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(event, "event");
    }

    /** Returns the {@code type} attribute, or null when absent. */
    public String type() {
        return stanza.attribute("type");
    }

    /** True when the stanza had no {@code to} attribute (a broadcast presence, or an IQ to one's own account). */
    public boolean hasNoTo() {
        return stanza.attribute("to") == null;
    }
}
