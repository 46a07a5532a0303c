package dev.tern.sint;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.SmackIntegrationTestEnvironment;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.util.DNSUtil;

/**
 * The framework with two additions: no DNS lookups, and access to the results of a run that
 * was aborted or cut short, which {@link #run()} does not return.
 */
final class TernSmackIntegrationTestFramework extends SmackIntegrationTestFramework {

    TernSmackIntegrationTestFramework(Configuration configuration) {
        super(configuration);
    }

    /**
     * Installs {@link NoDnsResolver} before the first connection. {@code run()} installs the
     * configured resolver first, so this replaces it.
     */
    @Override
    protected SmackIntegrationTestEnvironment prepareEnvironment() throws SmackException, IOException,
            XMPPException, InterruptedException, KeyManagementException, NoSuchAlgorithmException,
            InstantiationException, IllegalAccessException, IllegalArgumentException, InvocationTargetException {
        DNSUtil.setDNSResolver(new NoDnsResolver());
        return super.prepareEnvironment();
    }

    /**
     * Returns the results recorded so far, or null when {@code run()} has not started. Call it
     * only after the thread that ran {@code run()} has returned or thrown.
     */
    TestRunResult resultsSoFar() {
        return testRunResult;
    }
}
