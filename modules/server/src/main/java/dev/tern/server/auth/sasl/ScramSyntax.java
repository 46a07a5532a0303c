package dev.tern.server.auth.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Parsing helpers for the message syntax of RFC 5802 section 7. */
final class ScramSyntax {

    private ScramSyntax() {
    }

    /** Decodes strict UTF-8, returning null for invalid bytes. */
    static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Decodes a saslname, in which "=2C" stands for "," and "=3D" for "=". Returns null when
     * an "=" starts any other sequence, which RFC 5802 forbids.
     */
    static String decodeSaslname(String encoded) {
        StringBuilder decoded = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '=') {
                decoded.append(c);
                continue;
            }
            if (encoded.startsWith("2C", i + 1)) {
                decoded.append(',');
            } else if (encoded.startsWith("3D", i + 1)) {
                decoded.append('=');
            } else {
                return null;
            }
            i += 2;
        }
        return decoded.toString();
    }

    /** Returns whether {@code nonce} is non-empty printable ASCII without ",". */
    static boolean isValidNonce(String nonce) {
        if (nonce.isEmpty()) {
            return false;
        }
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns whether {@code attribute} has the form of an optional extension: one ASCII
     * letter, "=", and a value.
     */
    static boolean isExtension(String attribute) {
        return attribute.length() >= 2 && attribute.charAt(1) == '='
                && ((attribute.charAt(0) >= 'a' && attribute.charAt(0) <= 'z')
                        || (attribute.charAt(0) >= 'A' && attribute.charAt(0) <= 'Z'));
    }
}
