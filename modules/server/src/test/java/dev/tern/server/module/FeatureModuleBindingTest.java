package dev.tern.server.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.hotload.ModuleException;
import dev.tern.hotload.ModuleInfo;
import dev.tern.hotload.ModuleManager;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Pid;
import dev.tern.server.module.probe.Probe;
import dev.tern.server.module.toys.EverythingToy;
import dev.tern.server.module.toys.GreeterUserToy;
import dev.tern.server.router.ModuleDispatch;
import dev.tern.server.testing.Await;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.module.StanzaContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature modules loaded from jars in a repository and started and stopped through hotload's module manager. */
class FeatureModuleBindingTest {

    private static final Jid ALICE_ACCOUNT = Jid.parse("alice@example.com");
    private static final String ECHO = "tern.module.everything.echo";

    @TempDir
    Path directory;

    private HostFixture fixture;
    private ModuleHost host;
    private ModuleManager<?> manager;

    @BeforeEach
    void startHost() {
        fixture = new HostFixture(directory);
        host = fixture.host;
        manager = fixture.manager;
        fixture.installToy("everything", "1.0.0", Map.of(
                "option.timer-delay.type", "duration", "option.timer-delay.default", "PT1H",
                "option.fail.type", "boolean", "option.fail.default", "false"), EverythingToy.class);
        fixture.installToy("user", "1.0.0", Map.of(
                "option.limit.type", "int", "option.limit.default", "5",
                "uses.everything", "*"), GreeterUserToy.class);
    }

    @AfterEach
    void closeHost() {
        fixture.close();
    }

    @Test
    void startPublishesEveryRegistration() throws Exception {
        manager.install("everything", "1.0.0");
        manager.start("everything");

        Element reply = replyTo(fixture.iq("get", ALICE_ACCOUNT, EverythingToy.NAMESPACE));
        assertThat(reply.child(EverythingToy.NAMESPACE, "query").attribute("tag")).isEqualTo("everything");
        host.runHooks(messageTo(ALICE_ACCOUNT));
        host.sessionOpened(HostFixture.ALICE);
        assertThat(Probe.events()).containsExactly("hook everything", "opened " + HostFixture.ALICE);
        assertThat(host.tables().features()).contains(EverythingToy.FEATURE);
        assertThat(host.tables().identities()).contains(new DiscoIdentity("client", "bot", "Everything"));
        assertThat(host.specifications()).contains(new Specification("everything", "XEP-9999", "1.0", "complete"));
        assertThat(host.counters()).containsEntry("everything.requests", 1L);
        assertThat(host.modules()).containsEntry("everything", "1.0.0");
        assertThat(GenServer.call(fixture.kernel, echo(), "ping", Duration.ofSeconds(5))).isEqualTo("ready:ping");
        ModuleInfo info = manager.info("everything").orElseThrow();
        assertThat(info.registrations()).singleElement().asString().startsWith("XMPP registrations of 'everything'");
        assertThat(info.timers()).isEqualTo(2);
    }

    @Test
    void timersRunWhileModuleRuns() {
        fixture.configure("everything", Map.of("timer-delay", "PT0.01S"));
        manager.install("everything", "1.0.0");

        manager.start("everything");

        Await.until("the one-shot and the periodic timer ran",
                () -> Probe.count("one-shot timer") == 1 && Probe.count("periodic timer") >= 1);
    }

    @Test
    void stopLeavesNothingBehind() {
        HostFixture.Snapshot baseline = HostFixture.Snapshot.of(host);
        manager.install("everything", "1.0.0");
        manager.start("everything");
        Pid echo = echo();

        manager.stop("everything");

        assertThat(Probe.events()).containsExactly("stopped everything");
        assertThat(HostFixture.Snapshot.of(host)).isEqualTo(baseline);
        assertThat(fixture.dispatch(fixture.iq("get", ALICE_ACCOUNT, EverythingToy.NAMESPACE)))
                .isInstanceOf(ModuleDispatch.IqOutcome.Unhandled.class);
        Await.until("the echo service ended", () -> !fixture.kernel.isAlive(echo));
        assertThat(fixture.kernel.whereis(ECHO)).isEmpty();
        ModuleInfo info = manager.info("everything").orElseThrow();
        assertThat(info.timers()).isZero();
        assertThat(info.processes()).isEmpty();
    }

    @Test
    void failedStartLeavesNothingBehind() {
        HostFixture.Snapshot baseline = HostFixture.Snapshot.of(host);
        fixture.configure("everything", Map.of("fail", "true"));
        manager.install("everything", "1.0.0");

        assertThatThrownBy(() -> manager.start("everything"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("everything")
                .hasMessageContaining("Broken on purpose");

        assertThat(HostFixture.Snapshot.of(host)).isEqualTo(baseline);
        assertThat(fixture.kernel.whereis(ECHO)).isEmpty();
        assertThat(manager.info("everything").orElseThrow().timers()).isZero();
    }

    @Test
    void optionsComeFromDescriptorAndConfiguration() {
        manager.install("user", "1.0.0");
        manager.start("user");
        manager.stop("user");
        manager.uninstall("user");
        fixture.configure("user", Map.of("limit", "7"));
        manager.install("user", "1.0.0");
        manager.start("user");

        assertThat(Probe.events()).containsExactly("limit 5", "no greeter", "limit 7", "no greeter");
    }

    @Test
    void invalidOptionsFailWithTheirNames() {
        fixture.configure("user", Map.of("limit", "70"));
        manager.install("user", "1.0.0");
        assertThatThrownBy(() -> manager.start("user"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Option 'limit' must be between 1 and 10, got 70");
        manager.uninstall("user");

        fixture.configure("user", Map.of("limt", "7"));
        assertThatThrownBy(() -> manager.install("user", "1.0.0"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Option 'limt' is configured but module user@1.0.0 does not declare it");
    }

    @Test
    void lookupFindsApiOfAnotherModule() {
        manager.install("user", "1.0.0");
        manager.install("everything", "1.0.0");

        manager.startAll();

        assertThat(Probe.events()).containsExactly("limit 5", "Hello Alice from everything");
    }

    private Pid echo() {
        return fixture.kernel.whereis(ECHO).orElseThrow(() -> new AssertionError("The echo service does not run"));
    }

    private Element replyTo(dev.tern.xmpp.api.module.IqRequest request) {
        ModuleDispatch.IqOutcome outcome = fixture.dispatch(request);
        assertThat(outcome).isInstanceOf(ModuleDispatch.IqOutcome.Replied.class);
        return ((ModuleDispatch.IqOutcome.Replied) outcome).reply();
    }

    private static StanzaContext messageTo(Jid to) {
        Jid from = Jid.parse("bob@example.com/desk");
        Element message = Element.builder(Namespaces.CLIENT, "message")
                .attribute("from", from.toString())
                .attribute("to", to.toString())
                .attribute("id", "m1")
                .build();
        return new StanzaContext(message, from, to, EverythingToy.MESSAGE_IN);
    }
}
