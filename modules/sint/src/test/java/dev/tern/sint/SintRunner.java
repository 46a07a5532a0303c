package dev.tern.sint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.XmppConnectionManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.Smack;
import org.jivesoftware.smack.roster.Roster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the framework against a {@link SintServer} within a time budget and records an
 * {@link Outcome} for every catalog test.
 *
 * <p>Each test gets a framework run of its own with three new accounts. No test then finds the
 * roster or subscription state that another left behind, and the results do not depend on the
 * order of the tests. The framework would take classes from a hash set and methods from
 * {@code Class.getMethods()}, and both orders vary between JVM runs. A test that ends its
 * run, by throwing (see {@link AbortLocator}) or by being interrupted (see
 * {@link FrameworkWatch}), is recorded as failed. When the budget runs out, the framework's
 * thread is interrupted and the tests not reached are recorded as skipped.
 */
final class SintRunner {

    /**
     * The run's limits.
     *
     * @param budget       the time all framework runs may take together
     * @param testLimit    the time one test may take before the harness interrupts it
     * @param replyTimeout how long a test waits for each reply or event. The framework's default
     *                     is 47 s, and every missing feature costs a test that long
     */
    record Settings(Duration budget, Duration testLimit, Duration replyTimeout) {

        Settings {
            if (!budget.isPositive() || !testLimit.isPositive() || !replyTimeout.isPositive()) {
                throw new IllegalArgumentException("The budget '" + budget + "', per-test limit '" + testLimit
                        + "' and reply timeout '" + replyTimeout + "' must be positive");
            }
        }
    }

    /**
     * Why low-level tests are disabled: they open extra connections with accounts the framework
     * registers itself, by in-band registration (XEP-0077) or service administration (XEP-0133).
     * Tern offers neither, so the run logs in with three pre-created accounts, and in that mode
     * the framework throws {@code IllegalStateException} for any extra connection, which would
     * end the run at each low-level test.
     */
    static final String LOW_LEVEL_REASON = "Disabled by the harness: a low-level test, which needs accounts "
            + "the framework registers itself (XEP-0077 or XEP-0133)";

    private static final Logger LOG = LoggerFactory.getLogger(SintRunner.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Settings settings;
    private final SintCatalog catalog;
    private final String frameworkVersion;
    private final List<SintTest> testOrder;
    private final Map<SintTest, Outcome> outcomes = new LinkedHashMap<>();
    private final List<String> interruptions = new ArrayList<>();
    private String lastEndOutsideTests;

    /**
     * @param firstTests framework names ({@code declaringClass.method}) of tests to run before
     *                   the others, so that the budget cannot run out before them
     * @throws IllegalArgumentException when a name in {@code firstTests} is not in the catalog
     */
    SintRunner(Settings settings, SintCatalog catalog, String frameworkVersion, List<String> firstTests) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.frameworkVersion = Objects.requireNonNull(frameworkVersion, "frameworkVersion");
        List<SintTest> first = catalog.tests().stream().filter(test -> firstTests.contains(test.frameworkName())).toList();
        if (first.size() != firstTests.size()) {
            throw new IllegalArgumentException("Some of the tests to run first " + firstTests
                    + " are not in the framework's catalog; check the names against the framework version");
        }
        this.testOrder = Stream.concat(first.stream(), catalog.tests().stream()).distinct().toList();
    }

    /** Runs the framework against {@code server} and returns the outcome of every catalog test. */
    SintRun run(SintServer server) throws Exception {
        // Smack requests the roster right after login. Without a roster module, Tern's error reply to that request
        // ends the stream, so every framework run would end before its first test. The roster tests still send
        // roster requests and record the result.
        boolean rosterAtLogin = server.modules().contains("roster");
        Roster.setRosterLoadedAtLoginDefault(rosterAtLogin);
        XmppConnectionManager.addConnectionDescriptor(
                TernConnectionDescriptor.create(server.address(), server.starttlsPort(), server.trustManager()));
        for (SintTest test : catalog.tests()) {
            if (test.lowLevel()) {
                outcomes.put(test, Outcome.skipped(test, LOW_LEVEL_REASON));
            }
        }

        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        long deadline = startNanos + settings.budget().toNanos();
        int frameworkRuns = 0;
        for (SintTest test : testOrder) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (outcomes.containsKey(test)) {
                // A test class whose constructor found the test impossible gave all its tests an outcome.
                continue;
            }

            frameworkRuns++;
            LOG.info("Starting framework run {} for '{}' with {} s of the budget left", frameworkRuns,
                    test.frameworkName(), TimeUnit.NANOSECONDS.toSeconds(left));
            lastEndOutsideTests = null;
            runFramework(configuration(server, test), test, left);
            if (!outcomes.containsKey(test) && lastEndOutsideTests != null) {
                outcomes.put(test, Outcome.skipped(test, "Not run: the framework's run ended outside any test: "
                        + lastEndOutsideTests));
            }
        }

        String notRun = System.nanoTime() < deadline ? "The framework reported no outcome for this test"
                : "Not run: the harness's time budget of " + settings.budget().toSeconds() + " s was used up";
        List<Outcome> all = new ArrayList<>();
        for (SintTest test : catalog.tests()) {
            all.add(outcomes.getOrDefault(test, Outcome.skipped(test, notRun)));
        }
        return new SintRun(List.copyOf(all), frameworkVersion, Smack.getVersion(), started,
                Duration.ofNanos(System.nanoTime() - startNanos), frameworkRuns, List.copyOf(interruptions),
                server.modules(), rosterAtLogin, settings);
    }

    /** Runs the framework once, in its own thread, for {@code selected} and records the results. */
    private void runFramework(Configuration configuration, SintTest selected, long budgetNanos)
            throws InterruptedException {
        TernSmackIntegrationTestFramework framework = new TernSmackIntegrationTestFramework(configuration);
        CompletableFuture<TestRunResult> completion = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                completion.complete(framework.run());
            } catch (Throwable failure) {
                completion.completeExceptionally(failure);
            }
        }, "sint-framework");
        thread.setDaemon(true);

        try (FrameworkWatch watch = FrameworkWatch.start(thread, settings.testLimit())) {
            thread.start();
            Throwable failure = null;
            try {
                completion.get(budgetNanos, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (TimeoutException e) {
                LOG.warn("The time budget of {} s ran out; interrupting the framework", settings.budget().toSeconds());
                thread.interrupt();
                thread.join(STOP_WAIT.toMillis());
                if (thread.isAlive()) {
                    LOG.warn("The framework did not stop within {} s of the interrupt", STOP_WAIT.toSeconds());
                }
                commit(collect(framework.resultsSoFar()));
                return;
            }

            // The framework keeps the results in the field whether run() returned or threw.
            TestRunResult results = framework.resultsSoFar();
            String runId = results == null ? null : results.getTestRunId();
            List<FrameworkResults.Entry> entries = collect(results);
            FrameworkWatch.Interruption interruption = watch.interruption();
            if (interruption != null) {
                commitInterrupted(entries, interruption, runId);
            } else {
                commit(entries);
                // After a test class's constructor found its tests impossible, the framework throws "No
                // integration tests selected"; that and any later exception are no fault of the selected test.
                if (failure != null && !outcomes.containsKey(selected)) {
                    blame(AbortLocator.culprits(failure, List.of(selected)), FailureCause.of(failure, runId), failure);
                }
            }
        }
    }

    private List<FrameworkResults.Entry> collect(TestRunResult results) {
        return results == null ? List.of() : FrameworkResults.collect(results, catalog);
    }

    /** Records the entries' outcomes. A low-level test runs once per connection type, and one failure makes it fail. */
    private void commit(List<FrameworkResults.Entry> entries) {
        for (FrameworkResults.Entry entry : entries) {
            Outcome previous = outcomes.get(entry.outcome().test());
            if (previous == null || previous.status() == Outcome.Status.PASSED) {
                outcomes.put(entry.outcome().test(), entry.outcome());
            }
        }
    }

    /**
     * Records the outcomes of a run the watch interrupted and blames one test. For a closed
     * stream that is the earliest test that failed on the closed connection, and the outcomes
     * of tests that started after it are dropped, because they ran on the closed connection.
     */
    private void commitInterrupted(List<FrameworkResults.Entry> entries, FrameworkWatch.Interruption interruption,
            String runId) {
        String cause = SintServer.withoutAccountSetNumbers(
                runId == null ? interruption.cause() : interruption.cause().replace(runId, "RUNID"));
        List<SintTest> underExecution = interruption.test() == null ? List.of()
                : FrameworkResults.catalogTestsOf(interruption.test(), catalog);
        if (!interruption.streamClosed()) {
            commit(entries);
            blame(underExecution, cause, null);
            return;
        }

        FrameworkResults.Entry firstOnClosedStream = entries.stream()
                .filter(entry -> entry.startMillis() >= 0 && entry.startMillis() <= interruption.atMillis())
                .filter(FrameworkResults.Entry::failedOnClosedConnection)
                .min(Comparator.comparingLong(FrameworkResults.Entry::startMillis))
                .orElse(null);
        long cutoff = firstOnClosedStream == null ? interruption.atMillis() : firstOnClosedStream.startMillis();
        commit(entries.stream().filter(entry -> entry.startMillis() < cutoff).toList());
        List<SintTest> culprits = firstOnClosedStream == null ? underExecution
                : List.of(firstOnClosedStream.outcome().test());
        blame(culprits, cause, null);
    }

    /** Records {@code culprits} as failed with {@code cause}, replacing any outcome, or notes a run that ended outside any test. */
    private void blame(List<SintTest> culprits, String cause, Throwable failure) {
        if (culprits.isEmpty()) {
            LOG.error("The framework's run ended outside any test: {}", cause, failure);
            interruptions.add("Ended outside any test: " + cause);
            lastEndOutsideTests = cause;
            return;
        }

        String names = culprits.stream().map(SintTest::frameworkName).collect(Collectors.joining(", "));
        LOG.warn("Test '{}' ended the framework's run: {}", names, cause, failure);
        interruptions.add("Ended by `" + names + "`: " + cause);
        for (SintTest culprit : culprits) {
            outcomes.put(culprit, Outcome.failed(culprit, "Ended the framework's run: " + cause));
        }
    }

    private Configuration configuration(SintServer server, SintTest test) throws Exception {
        List<SintServer.Account> accounts = server.createAccounts();
        Configuration.Builder builder = Configuration.builder()
                .setService(server.domain())
                .setSecurityMode(SecurityMode.required.name())
                .setReplyTimeout(Long.toString(settings.replyTimeout().toMillis()))
                .setUsernamesAndPassword(accounts.get(0).username(), accounts.get(0).password(),
                        accounts.get(1).username(), accounts.get(1).password(),
                        accounts.get(2).username(), accounts.get(2).password())
                .setDefaultConnection(TernConnectionDescriptor.NICKNAME)
                .setEnabledConnections(TernConnectionDescriptor.NICKNAME);
        return builder.setEnabledTests(enabledTestsValue(test)).build();
    }

    /**
     * Returns the framework's {@code enabledTests} value that selects {@code test} alone.
     *
     * <p>Only {@code enabledTests} can select single methods in framework 4.5.0-beta5: a class
     * with a method in {@code disabledTests} counts as disabled as a whole. The framework finds a
     * method's class entry by the class that declares the method, so an inherited test method is
     * selected through its whole test class.
     */
    private static String enabledTestsValue(SintTest test) {
        return test.declaringClass().equals(test.testClass()) ? test.frameworkName() : test.testClass();
    }
}
