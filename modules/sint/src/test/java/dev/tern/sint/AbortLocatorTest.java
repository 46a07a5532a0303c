package dev.tern.sint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AbortLocatorTest {

    private static final SintTest PING = new SintTest("org.example.PingTest", "org.example.PingTest", "pingServer",
            false);
    private static final SintTest PING_ASYNC = new SintTest("org.example.PingTest", "org.example.PingTest",
            "pingAsync", false);
    private static final SintTest ROSTER = new SintTest("org.example.RosterTest", "org.example.RosterTest",
            "rosterPush", false);
    private static final List<SintTest> PENDING = List.of(PING, PING_ASYNC, ROSTER);

    @Test
    void testMethodOnTraceIsBlamed() {
        Throwable failure = thrownFrom(
                frame("org.jivesoftware.smack.AbstractXMPPConnection", "sendStanza"),
                frame("org.example.RosterTest", "rosterPush"),
                frame("org.igniterealtime.smack.inttest.SmackIntegrationTestFramework", "runConcreteTest"));

        assertThat(AbortLocator.culprits(failure, PENDING)).containsExactly(ROSTER);
    }

    @Test
    void lambdaInsideTestMethodIsBlamedOnMethod() {
        Throwable failure = thrownFrom(frame("org.example.PingTest", "lambda$pingAsync$0"));

        assertThat(AbortLocator.culprits(failure, PENDING)).containsExactly(PING_ASYNC);
    }

    @Test
    void constructorOnTraceBlamesWholeClass() {
        Throwable failure = thrownFrom(frame("org.example.PingTest", "<init>"));

        assertThat(AbortLocator.culprits(failure, PENDING)).containsExactly(PING, PING_ASYNC);
    }

    @Test
    void anonymousListenerConstructorIsNotBlamed() {
        Throwable failure = thrownFrom(frame("org.example.PingTest$1", "<init>"));

        assertThat(AbortLocator.culprits(failure, PENDING)).isEmpty();
    }

    @Test
    void causeChainIsSearched() {
        Throwable cause = thrownFrom(frame("org.example.PingTest", "pingServer"));
        Throwable failure = new IllegalStateException("wrapper", cause);
        failure.setStackTrace(new StackTraceElement[] {frame("org.example.Elsewhere", "run")});

        assertThat(AbortLocator.culprits(failure, PENDING)).containsExactly(PING);
    }

    @Test
    void traceOutsideTestsBlamesNobody() {
        Throwable failure = thrownFrom(frame("org.igniterealtime.smack.inttest.XmppConnectionManager", "prepare"));

        assertThat(AbortLocator.culprits(failure, PENDING)).isEmpty();
    }

    @Test
    void testWithOutcomeIsNotBlamedAgain() {
        Throwable failure = thrownFrom(frame("org.example.RosterTest", "rosterPush"));

        assertThat(AbortLocator.culprits(failure, List.of(PING, PING_ASYNC))).isEmpty();
    }

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, -1);
    }

    private static Throwable thrownFrom(StackTraceElement... frames) {
        Throwable failure = new IllegalStateException("test failure");
        failure.setStackTrace(frames);
        return failure;
    }
}
