package dev.tern.sint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Smack's integration test framework against a real Tern server and writes every test's
 * outcome to {@code target/sint-results.md}, and to docs/COMPLIANCE.md with
 * {@code -Dsint.writeCompliance=true}.
 *
 * <p>A test of the framework that fails is recorded, not raised: Tern lacks many of the XEPs the
 * framework covers. The checks here fail only when the run itself is broken or when the RFC 6120
 * and RFC 6121 basics the framework exercises (login of three accounts, message exchange) fail.
 *
 * <p>System properties, which the module's pom sets: {@code sint.budgetSeconds} (default 420),
 * {@code sint.testLimitSeconds} (default 60), {@code sint.replyTimeoutMillis} (default 5000),
 * {@code sint.modules} (comma-separated feature modules; default all on the class path),
 * {@code sint.frameworkVersion}, {@code sint.ternVersion}, {@code sint.resultsFile},
 * {@code sint.writeCompliance} and {@code sint.complianceFile}.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class SmackIntegrationSuiteTest {

    private static final Logger LOG = LoggerFactory.getLogger(SmackIntegrationSuiteTest.class);

    /** Message exchange between two of the logged-in accounts (RFC 6120 section 8, RFC 6121 section 5). */
    private static final String INCOMING_CHAT_MESSAGE =
            "org.jivesoftware.smack.chat2.IncomingMessageListenerIntegrationTest.test";
    private static final String OUTGOING_CHAT_MESSAGE =
            "org.jivesoftware.smack.chat2.OutgoingMessageListenerIntegrationTest.outgoingMessageListenerTest";

    private static SintCatalog catalog;
    private static SintRun run;

    @BeforeAll
    static void runFramework() throws Exception {
        FrameworkLog.redirectTo(Path.of("target", "sint-framework.log"));
        catalog = SintCatalog.load();
        SintRunner.Settings settings = new SintRunner.Settings(
                Duration.ofSeconds(Long.getLong("sint.budgetSeconds", 420)),
                Duration.ofSeconds(Long.getLong("sint.testLimitSeconds", 60)),
                Duration.ofMillis(Long.getLong("sint.replyTimeoutMillis", 5000)));

        String modules = System.getProperty("sint.modules", "");
        try (SintServer server = SintServer.start(modules.isBlank() ? List.of() : List.of(modules.split(",")))) {
            SintRunner runner = new SintRunner(settings, catalog, System.getProperty("sint.frameworkVersion", "unknown"),
                    List.of(INCOMING_CHAT_MESSAGE, OUTGOING_CHAT_MESSAGE));
            run = runner.run(server);
        }

        ComplianceReport report = new ComplianceReport(run, System.getProperty("sint.ternVersion", "unknown"));
        Path results = Path.of(System.getProperty("sint.resultsFile", "target/sint-results.md"));
        report.writeTo(results);
        if (Boolean.getBoolean("sint.writeCompliance")) {
            report.writeTo(Path.of(System.getProperty("sint.complianceFile")));
        }
        LOG.info("Smack integration tests: {} passed, {} failed, {} skipped of {}; results in '{}'",
                run.count(Outcome.Status.PASSED), run.count(Outcome.Status.FAILED), run.count(Outcome.Status.SKIPPED),
                run.outcomes().size(), results.toAbsolutePath());
    }

    @Test
    void frameworkExecutesTests() {
        assertThat(run.executed()).as("tests the framework executed to a pass or failure").isPositive();
        assertThat(run.outcomes()).as("one outcome per catalog test").hasSameSizeAs(catalog.tests());
    }

    @Test
    void chatMessageArrives() {
        assertPassed(INCOMING_CHAT_MESSAGE);
    }

    @Test
    void chatMessageIsSent() {
        assertPassed(OUTGOING_CHAT_MESSAGE);
    }

    private static void assertPassed(String frameworkName) {
        Outcome outcome = run.outcomeOf(frameworkName);
        assertThat(outcome).as("outcome of %s", frameworkName).isNotNull();
        assertThat(outcome.status()).as("%s: %s", frameworkName, outcome.reason()).isEqualTo(Outcome.Status.PASSED);
    }
}
