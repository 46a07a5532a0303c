package dev.tern.server.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.server.auth.ScramAlgorithm;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.roster.RosterItem;
import dev.tern.xmpp.api.roster.Subscription;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.InstanceAlreadyExistsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Server, Users, Roster and Logging MXBeans, called through JMX proxies on a real server. */
class ServerManagementTest {

    private static ManagedTestServer fixture;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ManagedTestServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        fixture.close();
    }

    @Test
    void serverShowsDomainCountsAndListeners() {
        ServerMXBean server = fixture.proxy(ServerManagement.SERVER, ServerMXBean.class);

        assertThat(server.getDomain()).isEqualTo(ManagedTestServer.DOMAIN);
        assertThat(server.getVersion()).isNotBlank();
        assertThat(Instant.parse(server.getStartedAt())).isBefore(Instant.now());
        assertThat(server.getProcessCount()).isEqualTo(fixture.server.kernel().processCount());
        assertThat(server.getSessionCount()).isZero();
        assertThat(server.getHeapUsedBytes()).isPositive();
        assertThat(server.getListeners()).containsExactly(
                "c2s-starttls 127.0.0.1:" + fixture.server.c2sPort(),
                "c2s-direct-tls 127.0.0.1:" + fixture.server.directTlsPort());
    }

    @Test
    void stopRunsStopActionOnItsOwnThread() throws Exception {
        fixture.proxy(ServerManagement.SERVER, ServerMXBean.class).stop();

        assertThat(fixture.stopRequested.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void secondRegistrationFailsAndLeavesFirst() {
        assertThatThrownBy(() -> ServerManagement.register(ManagementFactory.getPlatformMBeanServer(), fixture.server))
                .isInstanceOf(InstanceAlreadyExistsException.class);

        assertThat(fixture.proxy(ServerManagement.SERVER, ServerMXBean.class).getDomain())
                .isEqualTo(ManagedTestServer.DOMAIN);
    }

    @Test
    void usersAddListChangeAndDelete() {
        UsersMXBean users = fixture.proxy(ServerManagement.USERS, UsersMXBean.class);
        long before = users.getCount();

        users.add("Uma", "first password");
        users.add("ulrich", "second password");

        assertThat(users.exists("uma")).as("usernames are prepared").isTrue();
        assertThat(users.getCount()).isEqualTo(before + 2);
        assertThat(users.list("", 1000)).contains("uma", "ulrich");
        assertThat(users.list("ulrich", 1)).containsExactly("uma");

        users.changePassword("uma", "third password");
        assertThat(fixture.server.accounts().scramCredential("uma", ScramAlgorithm.SHA_256)
                .matchesPassword("third password".getBytes(StandardCharsets.UTF_8))).isTrue();

        users.delete("uma");
        assertThat(users.exists("uma")).isFalse();
        assertThat(users.getCount()).isEqualTo(before + 1);
    }

    @Test
    void usersErrorsNameTheAccount() {
        UsersMXBean users = fixture.proxy(ServerManagement.USERS, UsersMXBean.class);
        users.add("victor", "a password");

        assertThatThrownBy(() -> users.add("victor", "another"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Account 'victor' already exists; use changePassword to set its password");
        assertThatThrownBy(() -> users.delete("nobody"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No account 'nobody'");
        assertThatThrownBy(() -> users.changePassword("nobody", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No account 'nobody'");
        assertThatThrownBy(() -> users.add("a@b", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid localpart");
        assertThatThrownBy(() -> users.list("", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be from 1 to 1000");
    }

    @Test
    void rosterNeedsModuleThenShowsItems() throws Exception {
        RosterMXBean roster = fixture.proxy(ServerManagement.ROSTER, RosterMXBean.class);
        fixture.server.accounts().create("wendy", ManagedTestServer.PASSWORD);

        assertThatThrownBy(() -> roster.show("wendy"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No running module provides rosters; start the roster module first");

        Jid owner = Jid.parse("wendy@localhost");
        RosterItem item = new RosterItem(Jid.parse("xavier@localhost"), "Xavier", Subscription.BOTH, false, false,
                List.of("Friends"));
        fixture.server.modules().start("fixed-roster", new FixedRosterModule(Map.of(owner, List.of(item))), "1.0.0",
                Map.of());
        try {
            assertThat(roster.show("Wendy")).containsExactly(
                    new RosterItemView("xavier@localhost", "Xavier", "both", false, false, List.of("Friends")));
            assertThatThrownBy(() -> roster.show("nobody"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("No account 'nobody'");
        } finally {
            fixture.server.modules().stop("fixed-roster");
        }
    }

    @Test
    void loggingSetsAndResetsLevels() {
        LoggingMXBean logging = fixture.proxy(ServerManagement.LOGGING, LoggingMXBean.class);
        String name = "dev.tern.server.management.probe";

        assertThat(logging.getLevel(name)).isEqualTo(new LoggerView(name, null, "INFO"));

        assertThat(logging.setLevel(name, "debug")).isEqualTo(new LoggerView(name, "DEBUG", "DEBUG"));
        assertThat(logging.loggers()).contains(new LoggerView(name, "DEBUG", "DEBUG"));
        assertThat(logging.loggers().getFirst().logger()).isEqualTo("ROOT");

        assertThat(logging.setLevel(name, "inherit")).isEqualTo(new LoggerView(name, null, "INFO"));
        assertThat(logging.loggers()).extracting(LoggerView::logger).doesNotContain(name);
    }

    @Test
    void loggingRejectsUnknownLevel() {
        LoggingMXBean logging = fixture.proxy(ServerManagement.LOGGING, LoggingMXBean.class);

        assertThatThrownBy(() -> logging.setLevel("dev.tern", "LOUD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Level 'LOUD' is not one of");
        assertThatThrownBy(() -> logging.setLevel("ROOT", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The root logger cannot inherit a level");
    }
}
