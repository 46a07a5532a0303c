package dev.tern.server.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.tern.server.auth.Passwords;
import dev.tern.server.auth.ScramAlgorithm;

/** The client side of SCRAM (RFC 5802 section 3), to drive the server mechanism in tests. */
final class TestScramClient {

    private final ScramAlgorithm algorithm;
    private final String gs2Header;
    private final String clientFirstBare;
    private final String password;
    private String expectedServerFinal;

    TestScramClient(ScramAlgorithm algorithm, String gs2Header, String username, String clientNonce, String password) {
        this.algorithm = algorithm;
        this.gs2Header = gs2Header;
        this.clientFirstBare = "n=" + username + ",r=" + clientNonce;
        this.password = password;
    }

    byte[] clientFirst() {
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** Computes the client-final-message for the server-first-message, with the nonce the server sent. */
    byte[] clientFinal(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        String nonce = attribute(serverFirst, "r=");
        byte[] salt = Base64.getDecoder().decode(attribute(serverFirst, "s="));
        int iterations = Integer.parseInt(attribute(serverFirst, "i="));

        String channelBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        String withoutProof = "c=" + channelBinding + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);

        byte[] saltedPassword = algorithm.saltedPassword(Passwords.prepare(password), salt, iterations);
        byte[] clientKey = algorithm.clientKey(saltedPassword);
        byte[] clientSignature = algorithm.hmac(algorithm.hash(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverSignature = algorithm.hmac(algorithm.serverKey(saltedPassword), authMessage);
        expectedServerFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);

        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    String expectedServerFinal() {
        return expectedServerFinal;
    }

    private static String attribute(String message, String prefix) {
        for (String part : message.split(",")) {
            if (part.startsWith(prefix)) {
                return part.substring(prefix.length());
            }
        }
        throw new IllegalArgumentException("Message '" + message + "' lacks " + prefix);
    }
}
