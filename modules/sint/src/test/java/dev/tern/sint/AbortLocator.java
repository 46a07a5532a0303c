package dev.tern.sint;

import java.util.Collection;
import java.util.List;

/**
 * Finds the test that aborted a framework run. The framework treats a runtime exception or
 * error other than {@code AssertionError} and {@code NullPointerException} from a test or a
 * test class's constructor as fatal and ends the whole run with it, without saying which test
 * threw. The exception's stack trace still shows it.
 */
final class AbortLocator {

    private AbortLocator() {
    }

    /**
     * Returns the pending tests that {@code failure} came from: the test method on its stack
     * trace (or a lambda inside it), or every test of the class whose constructor is on it.
     * Returns an empty list when no frame of a pending test is on the trace of {@code failure}
     * or its causes.
     */
    static List<SintTest> culprits(Throwable failure, Collection<SintTest> pending) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            for (StackTraceElement frame : current.getStackTrace()) {
                List<SintTest> found = testsOf(frame, pending);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return List.of();
    }

    private static List<SintTest> testsOf(StackTraceElement frame, Collection<SintTest> pending) {
        String className = frame.getClassName();
        String methodName = frame.getMethodName();

        // Only a top-level class's constructor counts: an anonymous listener's <init> runs inside a test method.
        if (methodName.equals("<init>")) {
            return pending.stream().filter(test -> test.testClass().equals(className)).toList();
        }

        int nested = className.indexOf('$');
        String outerClass = nested < 0 ? className : className.substring(0, nested);
        return pending.stream()
                .filter(test -> test.declaringClass().equals(outerClass))
                .filter(test -> methodName.equals(test.method()) || methodName.startsWith("lambda$" + test.method() + "$"))
                .findFirst()
                .map(List::of)
                .orElse(List.of());
    }
}
