package dev.tern.sint;

import java.util.ArrayList;
import java.util.List;
import org.igniterealtime.smack.inttest.FailedTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.ConcreteTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.SuccessfulTest;
import org.igniterealtime.smack.inttest.TestNotPossible;
import org.igniterealtime.smack.inttest.TestNotPossibleException;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;

/** The outcomes one framework run recorded, mapped to catalog tests. */
final class FrameworkResults {

    /**
     * One outcome the framework recorded.
     *
     * @param startMillis when the test started, from {@code System.currentTimeMillis()}, or -1 for
     *                    a test class whose constructor failed before any test ran
     * @param failure     the exception of a failed test, else null
     */
    record Entry(Outcome outcome, long startMillis, Throwable failure) {

        /** Returns whether the test failed because its connection was already closed or closed under it. */
        boolean failedOnClosedConnection() {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SmackException.NotConnectedException
                        || cause instanceof SmackException.NotLoggedInException
                        || cause instanceof XMPPException.StreamErrorException) {
                    return true;
                }
            }
            return false;
        }
    }

    private FrameworkResults() {
    }

    /**
     * Returns the outcomes in {@code results}. Safe to call while the framework's thread still
     * runs tests: the test lists are copied under their lock, and the framework writes the
     * failed test classes only before the first test.
     */
    static List<Entry> collect(TestRunResult results, SintCatalog catalog) {
        String runId = results.getTestRunId();
        List<Entry> entries = new ArrayList<>();

        // The lists are synchronized; List.copyOf takes a consistent copy even if the framework thread still runs.
        for (SuccessfulTest success : List.copyOf(results.getSuccessfulTests())) {
            for (SintTest test : catalogTestsOf(success.concreteTest, catalog)) {
                entries.add(new Entry(Outcome.passed(test), success.startTime, null));
            }
        }
        for (FailedTest failure : List.copyOf(results.getFailedTests())) {
            String cause = FailureCause.of(failure.failureReason, runId);
            for (SintTest test : catalogTestsOf(failure.concreteTest, catalog)) {
                entries.add(new Entry(Outcome.failed(test, cause), failure.startTime, failure.failureReason));
            }
        }
        for (TestNotPossible impossible : List.copyOf(results.getNotPossibleTests())) {
            String reason = FailureCause.reason(impossible.testNotPossibleException, runId);
            for (SintTest test : catalogTestsOf(impossible.concreteTest, catalog)) {
                entries.add(new Entry(Outcome.skipped(test, reason), impossible.startTime, null));
            }
        }

        results.getImpossibleTestClasses().forEach((testClass, failure) -> {
            boolean impossible = failure instanceof TestNotPossibleException;
            String reason = impossible ? FailureCause.reason(failure, runId)
                    : "The test class's constructor failed: " + FailureCause.of(failure, runId);
            for (SintTest test : catalog.tests()) {
                if (test.testClass().equals(testClass.getName())) {
                    Outcome outcome = impossible ? Outcome.skipped(test, reason) : Outcome.failed(test, reason);
                    entries.add(new Entry(outcome, -1, impossible ? null : failure));
                }
            }
        });
        return entries;
    }

    /**
     * Returns the catalog tests that {@code concreteTest} ran. The framework names a test by its
     * {@code Method}, so a method inherited by two test classes matches both.
     */
    static List<SintTest> catalogTestsOf(ConcreteTest concreteTest, SintCatalog catalog) {
        String declaringClass = concreteTest.getMethod().getDeclaringClass().getName();
        String method = concreteTest.getMethod().getName();
        return catalog.tests().stream()
                .filter(test -> test.declaringClass().equals(declaringClass) && test.method().equals(method))
                .toList();
    }
}
