package dev.tern.hotload.management;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication (RFC 7617) of one user against a {@link ScramCredential}. The JDK
 * HTTP server responds to a request without valid credentials with 401 and a
 * {@code WWW-Authenticate} challenge.
 */
final class ScramBasicAuthenticator extends BasicAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ScramBasicAuthenticator.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final byte[] user;
    private final ScramCredential credential;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicInteger unlogged = new AtomicInteger();

    ScramBasicAuthenticator(String realm, String user, ScramCredential credential) {
        super(realm, StandardCharsets.UTF_8);
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.credential = credential;
    }

    @Override
    public boolean checkCredentials(String username, String password) {
        // Both checks always run, so the time taken does not tell whether the user name exists.
        boolean userMatches = MessageDigest.isEqual(user, username.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = credential.verify(password.toCharArray());
        boolean accepted = userMatches & passwordMatches;
        if (!accepted) {
            logRejection(username);
        }
        return accepted;
    }

    // At most one line per interval, counting the rejections in between, so a password-guessing
    // client cannot flood the log.
    private void logRejection(String username) {
        int count = unlogged.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
            unlogged.addAndGet(-count);
            LOG.warn("Rejected management login of user '{}' ({} rejected logins since the last report)", username, count);
        }
    }
}
