package dev.tern.sint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of every test in the catalog, and how the run went.
 *
 * @param outcomes         one per catalog test, in catalog order
 * @param frameworkVersion the smack-integration-test artifact version
 * @param smackVersion     the Smack version the framework ran on, as Smack reports it
 * @param started          when the first framework run started
 * @param elapsed          the time all framework runs took together
 * @param frameworkRuns    how many times the framework was started; more than one after an abort
 * @param interruptions    one line per framework run that a test ended early, naming that test
 * @param modules          the feature modules the server ran
 * @param rosterAtLogin    whether the clients requested the roster right after login
 * @param settings         the budget and reply timeout the run used
 */
record SintRun(List<Outcome> outcomes, String frameworkVersion, String smackVersion, Instant started,
        Duration elapsed, int frameworkRuns, List<String> interruptions, List<String> modules, boolean rosterAtLogin,
        SintRunner.Settings settings) {

    long count(Outcome.Status status) {
        return outcomes.stream().filter(outcome -> outcome.status() == status).count();
    }

    /** Returns the number of tests the framework executed to a pass or a failure. */
    long executed() {
        return count(Outcome.Status.PASSED) + count(Outcome.Status.FAILED);
    }

    /** Returns the outcome of the test named {@code declaringClass.method}, or null when the catalog has no such test. */
    Outcome outcomeOf(String frameworkName) {
        return outcomes.stream()
                .filter(outcome -> outcome.test().frameworkName().equals(frameworkName))
                .findFirst()
                .orElse(null);
    }
}
