package dev.tern.sint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComplianceReportTest {

    private static final SintRunner.Settings SETTINGS = new SintRunner.Settings(Duration.ofSeconds(420),
            Duration.ofSeconds(60), Duration.ofSeconds(5));

    @Test
    void summaryCountsEachOutcome() {
        String page = render(List.of(
                Outcome.passed(test("ChatTest", "chat")),
                Outcome.failed(test("PingTest", "ping"), "TimeoutException: Timeout after 5000ms"),
                Outcome.skipped(test("MucTest", "join"), "No MUC (XEP-0045) service found")));

        assertThat(page).contains("**1 passed, 1 failed, 1 skipped** of 3 test methods.");
    }

    @Test
    void rowsShowClassMethodOutcomeAndReason() {
        String page = render(List.of(Outcome.skipped(test("MucTest", "join"), "No MUC (XEP-0045) service found")));

        assertThat(page).contains("| `smackx.MucTest` | `join` | skipped | No MUC (XEP-0045) service found |");
    }

    @Test
    void cellsEscapePipesAndAngleBrackets() {
        String page = render(List.of(Outcome.failed(test("PingTest", "ping"), "expected <iq/> | got\nnothing")));

        assertThat(page).contains("| failed | expected &lt;iq/&gt; \\| got nothing |");
    }

    @Test
    void topCausesAreOrderedByCount() {
        String page = render(List.of(
                Outcome.failed(test("A", "a"), "rare cause"),
                Outcome.failed(test("B", "b"), "common cause"),
                Outcome.failed(test("C", "c"), "common cause")));

        assertThat(page).contains("| 2 | common cause |\n| 1 | rare cause |");
    }

    @Test
    void headerNamesVersionsAndRegenerateCommand() {
        String page = render(List.of(Outcome.passed(test("ChatTest", "chat"))));

        assertThat(page).contains("`org.igniterealtime.smack:smack-integration-test:4.5.0-beta5`");
        assertThat(page).contains("| Date | 2025-03-01 (UTC) |");
        assertThat(page).contains("`" + ComplianceReport.REGENERATE_COMMAND + "`");
    }

    private static SintTest test(String simpleClass, String method) {
        String className = "org.jivesoftware.smackx." + simpleClass;
        return new SintTest(className, className, method, false);
    }

    private static String render(List<Outcome> outcomes) {
        SintRun run = new SintRun(outcomes, "4.5.0-beta5", "4.5.0-beta5", Instant.parse("2025-03-01T10:00:00Z"),
                Duration.ofSeconds(90), 1, List.of(), List.of("roster", "presence"), true, SETTINGS);
        return new ComplianceReport(run, "0.1.0-SNAPSHOT").render();
    }
}
