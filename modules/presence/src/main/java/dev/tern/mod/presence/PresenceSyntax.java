package dev.tern.mod.presence;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StanzaErrorCondition;
import dev.tern.xmpp.api.module.StanzaException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a presence stanza against the syntax of RFC 6121 section 4.7 and rejects violations
 * with {@code bad-request}. The violations are a {@code type} the RFC does not define (4.7.1), a
 * {@code show} other than away, chat, dnd or xa (4.7.2.1), two status texts in one language
 * (4.7.2.2), a {@code priority} that is not an integer from -128 to 127 (4.7.2.3), and more than
 * one {@code show} or {@code priority}.
 */
final class PresenceSyntax {

    // A list, not a set, so that the error text names the types in a fixed order.
    private static final List<String> TYPES = List.of("error", "probe", "subscribe", "subscribed", "unavailable",
            "unsubscribe", "unsubscribed");
    private static final Set<String> SHOW_VALUES = Set.of("away", "chat", "dnd", "xa");

    private PresenceSyntax() {
    }

    static void validate(Element presence) throws StanzaException {
        String type = presence.attribute("type");
        if (type != null && !TYPES.contains(type)) {
            throw badRequest("Presence type '" + type + "' is not defined; use one of " + TYPES
                    + " or no type for available presence");
        }

        List<Element> shows = presence.children(Namespaces.CLIENT, "show");
        if (shows.size() > 1) {
            throw badRequest("A presence may contain one show element, but this one contains " + shows.size());
        }
        if (shows.size() == 1 && !SHOW_VALUES.contains(shows.getFirst().text())) {
            throw badRequest("Show value '" + shows.getFirst().text() + "' is not one of away, chat, dnd or xa");
        }

        Set<String> statusLanguages = new HashSet<>();
        for (Element status : presence.children(Namespaces.CLIENT, "status")) {
            String language = status.attribute(Namespaces.XML, "lang");
            if (!statusLanguages.add(language == null ? "" : language)) {
                throw badRequest("A presence contains two status elements in the same language");
            }
        }

        List<Element> priorities = presence.children(Namespaces.CLIENT, "priority");
        if (priorities.size() > 1) {
            throw badRequest("A presence may contain one priority element, but this one contains "
                    + priorities.size());
        }
        if (priorities.size() == 1) {
            requirePriority(priorities.getFirst().text());
        }
    }

    private static void requirePriority(String text) throws StanzaException {
        int priority;
        try {
            priority = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw badRequest("Priority '" + text + "' is not an integer");
        }
        if (priority < -128 || priority > 127) {
            throw badRequest("Priority " + priority + " is outside the range -128 to 127");
        }
    }

    private static StanzaException badRequest(String text) {
        return new StanzaException(StanzaErrorCondition.BAD_REQUEST, text);
    }
}
