package dev.tern.sint;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StreamError;

/** Turns a test's exception into the one line the report shows. */
final class FailureCause {

    private static final int MAX_LENGTH = 180;

    private FailureCause() {
    }

    /**
     * Returns the exception's simple class name and the first line of its message, cut at a
     * sentence end when longer than {@value #MAX_LENGTH} characters. {@code runId}, the
     * framework's random run id that appears in resources and room names, is replaced by
     * {@code RUNID}, and usernames lose their account set's number, so that the report does
     * not change from run to run for those alone.
     */
    static String of(Throwable failure, String runId) {
        String firstLine = firstLine(failure, runId);
        String line = failure.getClass().getSimpleName() + (firstLine.isEmpty() ? "" : ": " + firstLine);
        return shorten(line);
    }

    /**
     * Returns the first line of the message alone, shortened the same way, for exceptions such
     * as {@code TestNotPossibleException} whose class name adds nothing; the class name when
     * there is no message.
     */
    static String reason(Throwable failure, String runId) {
        String firstLine = firstLine(failure, runId);
        return shorten(firstLine.isEmpty() ? failure.getClass().getSimpleName() : firstLine);
    }

    private static String firstLine(Throwable failure, String runId) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        if (failure instanceof XMPPException.StreamErrorException streamError) {
            // Smack's message is the condition and a link to RFC 6120, and the server's text is more specific.
            StreamError error = streamError.getStreamError();
            String text = error.getDescriptiveText();
            message = error.getCondition() + (text == null || text.isBlank() ? "" : " (" + text.strip() + ")");
        }
        String firstLine = message.lines().findFirst().orElse("");
        if (runId != null && !runId.isEmpty()) {
            firstLine = firstLine.replace(runId, "RUNID");
        }
        return SintServer.withoutAccountSetNumbers(firstLine);
    }

    private static String shorten(String line) {
        if (line.length() <= MAX_LENGTH) {
            return line;
        }
        int sentenceEnd = line.lastIndexOf(". ", MAX_LENGTH);
        if (sentenceEnd > MAX_LENGTH / 3) {
            return line.substring(0, sentenceEnd + 1);
        }
        return line.substring(0, MAX_LENGTH - 1) + "…";
    }
}
