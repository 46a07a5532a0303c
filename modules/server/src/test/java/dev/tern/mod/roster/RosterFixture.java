package dev.tern.mod.roster;

import dev.tern.mod.roster.harness.ModuleHarness;
import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.roster.Roster;
import java.nio.file.Path;
import java.util.Map;

/** A harness running the roster module, with a handle on the Roster API it provides. */
final class RosterFixture implements AutoCloseable {

    final ModuleHarness harness;

    RosterFixture(Path directory) {
        this(directory, Map.of());
    }

    RosterFixture(Path directory, Map<String, String> options) {
        harness = new ModuleHarness(directory, Map.of("roster", options));
        harness.start("roster");
    }

    /** Returns the Roster API of the running roster module. */
    Roster roster() {
        return harness.roster();
    }

    /** Connects {@code fullJid} and requests the roster, so the session gets pushes. */
    TestClient interested(String fullJid) {
        TestClient client = harness.connect(fullJid);
        client.request(Stanzas.rosterGet(null));
        return client;
    }

    /** Returns the expected result of a request with {@code id} from {@code to} to its own account. */
    static Element result(String id, String to, Element child) {
        String account = to.substring(0, to.indexOf('/'));
        Element.Builder result = Element.builder(Namespaces.CLIENT, "iq")
                .attribute("from", account)
                .attribute("to", to)
                .attribute("id", id)
                .attribute("type", "result");
        if (child != null) {
            result.child(child);
        }
        return result.build();
    }

    /** Returns the expected roster push to {@code to} without its id, which the server chooses. */
    static Element pushWithoutId(String to, long version, Element item) {
        return Element.builder(Namespaces.CLIENT, "iq")
                .attribute("to", to)
                .attribute("type", "set")
                .child(Element.builder(Namespaces.ROSTER, "query").attribute("ver", String.valueOf(version))
                        .child(item).build())
                .build();
    }

    /** Returns an expected roster item. */
    static Element item(String jid, String name, String subscription, String ask, String approved, String... groups) {
        Element.Builder item = Element.builder(Namespaces.ROSTER, "item")
                .attribute("jid", jid)
                .attribute("name", name)
                .attribute("subscription", subscription)
                .attribute("ask", ask)
                .attribute("approved", approved);
        for (String group : groups) {
            item.child(Element.builder(Namespaces.ROSTER, "group").text(group).build());
        }
        return item.build();
    }

    @Override
    public void close() {
        harness.close();
    }
}
