package dev.tern.sint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StreamError;
import org.junit.jupiter.api.Test;

class FailureCauseTest {

    @Test
    void causeIsClassAndFirstLine() {
        Throwable failure = new TimeoutException("Timeout after 5000ms\nsecond line");

        assertThat(FailureCause.of(failure, null)).isEqualTo("TimeoutException: Timeout after 5000ms");
    }

    @Test
    void runIdIsReplaced() {
        Throwable failure = new IllegalStateException("sint-one@localhost/one-abc12 is gone");

        assertThat(FailureCause.of(failure, "abc12")).isEqualTo("IllegalStateException: sint-one@localhost/one-RUNID is gone");
    }

    @Test
    void accountSetNumberIsRemoved() {
        Throwable failure = new IllegalStateException("sint12-two@localhost is gone");

        assertThat(FailureCause.of(failure, null)).isEqualTo("IllegalStateException: sint-two@localhost is gone");
    }

    @Test
    void missingMessageGivesClassName() {
        assertThat(FailureCause.of(new IllegalStateException(), null)).isEqualTo("IllegalStateException");
        assertThat(FailureCause.reason(new IllegalStateException(), null)).isEqualTo("IllegalStateException");
    }

    @Test
    void reasonOmitsClassName() {
        Throwable failure = new IllegalStateException("No MUC (XEP-0045) service found");

        assertThat(FailureCause.reason(failure, null)).isEqualTo("No MUC (XEP-0045) service found");
    }

    @Test
    void longMessageIsCutAtSentenceEnd() {
        String first = "No response received within reply timeout. Timeout was 5000ms (~5s).";
        Throwable failure = new IllegalStateException(first + " " + "Waited for response using filter ".repeat(10));

        assertThat(FailureCause.of(failure, null)).isEqualTo("IllegalStateException: " + first);
    }

    @Test
    void unbrokenLongMessageGetsEllipsis() {
        Throwable failure = new IllegalStateException("x".repeat(400));

        String cause = FailureCause.of(failure, null);

        assertThat(cause).hasSize(180);
        assertThat(cause).endsWith("…");
    }

    @Test
    void streamErrorShowsConditionAndServerText() {
        StreamError error = new StreamError(StreamError.Condition.internal_server_error, null,
                Map.of("en", "The server failed on this stream"), List.of());

        String cause = FailureCause.of(new XMPPException.StreamErrorException(error), null);

        assertThat(cause).isEqualTo("StreamErrorException: internal-server-error (The server failed on this stream)");
    }
}
