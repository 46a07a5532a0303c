package dev.tern.server.auth;

/** The parameters for new SCRAM credentials: the iteration count, from configuration. */
public final class CredentialPolicy {

    /** The lowest iteration count that {@link #withIterations} accepts. */
    public static final int MIN_ITERATIONS = 4096;

    /** The iteration count when configuration sets none. */
    public static final int DEFAULT_ITERATIONS = 4096;

    /** The salt length in bytes: 128 random bits. */
    public static final int SALT_LENGTH = 16;

    private final int iterations;

    private CredentialPolicy(int iterations) {
        this.iterations = iterations;
    }

    /**
     * Returns the policy for a configured iteration count.
     *
     * @throws IllegalArgumentException if {@code iterations} is below {@link #MIN_ITERATIONS}
     */
    public static CredentialPolicy withIterations(int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM iteration count is " + iterations + ", but must be at least "
                    + MIN_ITERATIONS + "; raise it in the configuration");
        }
        return new CredentialPolicy(iterations);
    }

    /** Returns the policy with {@value #DEFAULT_ITERATIONS} iterations. */
    public static CredentialPolicy defaults() {
        return new CredentialPolicy(DEFAULT_ITERATIONS);
    }

    /**
     * Returns a policy that may go below {@link #MIN_ITERATIONS}, so that tests run fast.
     * Never use it for real accounts: a low count makes stolen credentials cheap to crack.
     */
    public static CredentialPolicy insecureForTests(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("SCRAM iteration count is " + iterations + ", but must be at least 1");
        }
        return new CredentialPolicy(iterations);
    }

    /** Returns the PBKDF2 iteration count for new credentials. */
    public int iterations() {
        return iterations;
    }

    @Override
    public String toString() {
        return "CredentialPolicy[iterations=" + iterations + "]";
    }
}
