package dev.tern.server.xml;

import dev.tern.xmpp.api.StreamErrorCondition;

/**
 * Checks a byte stream for well-formed UTF-8 one byte at a time, so that a character may be
 * split across reads. It rejects what RFC 3629 forbids: overlong forms, encoded surrogates
 * (U+D800 to U+DFFF), code points above U+10FFFF, stray continuation bytes and truncated
 * sequences. XML 1.0 makes such bytes a fatal error, so they raise {@code not-well-formed}.
 */
final class Utf8Validator {

    private int remaining;
    private int lowerBound = 0x80;
    private int upperBound = 0xBF;

    /** Accepts the next byte, given as 0 to 255. */
    void accept(int value) {
        if (remaining == 0) {
            if (value < 0x80) {
                return;
            }
            startSequence(value);
            return;
        }
        if (value < lowerBound || value > upperBound) {
            throw invalid(String.format("byte 0x%02X cannot continue the multi-byte character before it", value));
        }
        remaining--;
        lowerBound = 0x80;
        upperBound = 0xBF;
    }

    /** Forgets a partial character, as at the start of a new stream. */
    void reset() {
        remaining = 0;
        lowerBound = 0x80;
        upperBound = 0xBF;
    }

    private void startSequence(int value) {
        // The bounds for the second byte exclude overlong forms (after 0xE0 and 0xF0),
        // surrogates (after 0xED) and code points above U+10FFFF (after 0xF4).
        if (value >= 0xC2 && value <= 0xDF) {
            expect(1, 0x80, 0xBF);
        } else if (value == 0xE0) {
            expect(2, 0xA0, 0xBF);
        } else if (value == 0xED) {
            expect(2, 0x80, 0x9F);
        } else if (value >= 0xE1 && value <= 0xEF) {
            expect(2, 0x80, 0xBF);
        } else if (value == 0xF0) {
            expect(3, 0x90, 0xBF);
        } else if (value >= 0xF1 && value <= 0xF3) {
            expect(3, 0x80, 0xBF);
        } else if (value == 0xF4) {
            expect(3, 0x80, 0x8F);
        } else {
            throw invalid(String.format("byte 0x%02X cannot start a character", value));
        }
    }

    private void expect(int continuationBytes, int lower, int upper) {
        remaining = continuationBytes;
        lowerBound = lower;
        upperBound = upper;
    }

    private static StreamErrorException invalid(String detail) {
        return new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED,
                "The stream is not valid UTF-8: " + detail);
    }
}
