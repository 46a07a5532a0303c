package dev.tern.sint;

/**
 * What happened to one test method in the run.
 *
 * @param reason empty for a pass; the failure's one-line cause, or why the test was skipped
 */
record Outcome(SintTest test, Status status, String reason) {

    enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    static Outcome passed(SintTest test) {
        return new Outcome(test, Status.PASSED, "");
    }

    static Outcome failed(SintTest test, String cause) {
        return new Outcome(test, Status.FAILED, cause);
    }

    static Outcome skipped(SintTest test, String reason) {
        return new Outcome(test, Status.SKIPPED, reason);
    }
}
