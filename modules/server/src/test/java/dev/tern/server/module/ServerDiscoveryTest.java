package dev.tern.server.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.server.router.ModuleDispatch;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.module.IqRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerDiscoveryTest {

    private static final Jid SERVER = Jid.parse("example.com");

    @TempDir
    Path directory;

    private static final String FEATURE = "urn:example:everything#feature";

    private HostFixture fixture;

    @BeforeEach
    void startHost() {
        fixture = new HostFixture(directory);
    }

    @AfterEach
    void closeHost() {
        fixture.close();
    }

    @Test
    void infoListsIdentitiesAndFeaturesOfModules() {
        fixture.host.start("everything", context -> {
            context.addIdentity("client", "bot", "Everything");
            context.addFeature(FEATURE);
        }, "1", Map.of());
        IqRequest request = fixture.iq("get", SERVER, Namespaces.DISCO_INFO);

        Element reply = replyTo(request);

        Element expected = Element.builder(Namespaces.CLIENT, "iq")
                .attribute("from", "example.com")
                .attribute("to", "alice@example.com/phone")
                .attribute("id", request.id())
                .attribute("type", "result")
                .child(Element.builder(Namespaces.DISCO_INFO, "query")
                        .child(identity("server", "im", "Tern"))
                        .child(identity("client", "bot", "Everything"))
                        .child(feature(Namespaces.DISCO_INFO))
                        .child(feature(Namespaces.DISCO_ITEMS))
                        .child(feature(FEATURE))
                        .build())
                .build();
        assertThat(reply).isEqualTo(expected);
    }

    @Test
    void infoDropsFeaturesOfStoppedModule() {
        fixture.host.start("everything", context -> {
            context.addIdentity("client", "bot", "Everything");
            context.addFeature(FEATURE);
        }, "1", Map.of());
        fixture.host.stop("everything");

        Element query = replyTo(fixture.iq("get", SERVER, Namespaces.DISCO_INFO)).child(Namespaces.DISCO_INFO, "query");

        assertThat(query.children(Namespaces.DISCO_INFO, "feature"))
                .containsExactly(feature(Namespaces.DISCO_INFO), feature(Namespaces.DISCO_ITEMS));
        assertThat(query.children(Namespaces.DISCO_INFO, "identity")).containsExactly(identity("server", "im", "Tern"));
    }

    @Test
    void itemsIsEmpty() {
        Element reply = replyTo(fixture.iq("get", SERVER, Namespaces.DISCO_ITEMS));

        assertThat(reply.attribute("type")).isEqualTo("result");
        assertThat(reply.child(Namespaces.DISCO_ITEMS, "query")).isEqualTo(Element.of(Namespaces.DISCO_ITEMS, "query"));
    }

    @Test
    void unknownNodeIsItemNotFound() {
        Element payload = Element.builder(Namespaces.DISCO_INFO, "query").attribute("node", "urn:example:node").build();
        Element stanza = Element.builder(Namespaces.CLIENT, "iq")
                .attribute("type", "get")
                .attribute("id", "n1")
                .child(payload)
                .build();

        Element reply = replyTo(new IqRequest(stanza, HostFixture.ALICE, SERVER, payload));

        assertThat(reply.attribute("type")).isEqualTo("error");
        assertThat(reply.child(Namespaces.CLIENT, "error").child(Namespaces.STANZA_ERRORS, "item-not-found"))
                .isNotNull();
    }

    private Element replyTo(IqRequest request) {
        ModuleDispatch.IqOutcome outcome = fixture.dispatch(request);
        assertThat(outcome).isInstanceOf(ModuleDispatch.IqOutcome.Replied.class);
        return ((ModuleDispatch.IqOutcome.Replied) outcome).reply();
    }

    private static Element identity(String category, String type, String name) {
        return Element.builder(Namespaces.DISCO_INFO, "identity")
                .attribute("category", category)
                .attribute("type", type)
                .attribute("name", name)
                .build();
    }

    private static Element feature(String var) {
        return Element.builder(Namespaces.DISCO_INFO, "feature").attribute("var", var).build();
    }
}
