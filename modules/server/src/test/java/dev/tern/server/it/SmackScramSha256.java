package dev.tern.server.it;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.CallbackHandler;
import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.sasl.SASLMechanism;

/**
 * A SCRAM-SHA-256 client (RFC 7677) for Smack 4.4.8, which ships only SCRAM-SHA-1: its
 * ScramMechanism derives the stored key with SHA-1 whatever the HMAC. No channel binding
 * ({@code n,,}); usernames in tests need no SASLprep escaping.
 */
final class SmackScramSha256 extends SASLMechanism {

    static final String NAME = "SCRAM-SHA-256";

    private String clientFirstBare;
    private byte[] expectedServerSignature;
    private boolean verified;

    @Override
    protected void authenticateInternal(CallbackHandler callbackHandler) {
        throw new UnsupportedOperationException("Only password authentication is supported");
    }

    @Override
    protected byte[] getAuthenticationText() {
        byte[] nonce = new byte[18];
        new SecureRandom().nextBytes(nonce);
        clientFirstBare = "n=" + authenticationId + ",r=" + Base64.getEncoder().encodeToString(nonce);
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected byte[] evaluateChallenge(byte[] challenge) throws SmackSaslException {
        String message = new String(challenge, StandardCharsets.UTF_8);
        try {
            if (message.startsWith("v=")) {
                byte[] signature = Base64.getDecoder().decode(message.substring(2));
                verified = MessageDigest.isEqual(signature, expectedServerSignature);
                return null;
            }
            String nonce = attribute(message, "r=");
            byte[] salt = Base64.getDecoder().decode(attribute(message, "s="));
            int iterations = Integer.parseInt(attribute(message, "i="));

            byte[] saltedPassword = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] clientKey = hmac(saltedPassword, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            String withoutProof = "c=biws,r=" + nonce;
            String authMessage = clientFirstBare + "," + message + "," + withoutProof;
            byte[] clientSignature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            expectedServerSignature = hmac(hmac(saltedPassword, "Server Key"), authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SmackSaslException("SCRAM-SHA-256 failed on '" + message + "': " + e);
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getPriority() {
        return 90;
    }

    @Override
    protected void checkIfSuccessfulOrThrow() throws SmackSaslException {
        if (!verified) {
            throw new SmackSaslException("The server signature of SCRAM-SHA-256 is missing or wrong");
        }
    }

    @Override
    public boolean authzidSupported() {
        return false;
    }

    @Override
    protected SASLMechanism newInstance() {
        return new SmackScramSha256();
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String attribute(String message, String prefix) {
        for (String part : message.split(",")) {
            if (part.startsWith(prefix)) {
                return part.substring(prefix.length());
            }
        }
        throw new IllegalArgumentException("SCRAM message has no '" + prefix + "' attribute");
    }
}
