package dev.tern.server.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

import dev.tern.server.auth.CredentialSource;
import dev.tern.server.auth.ScramAlgorithm;
import dev.tern.server.auth.ScramCredential;
import dev.tern.server.auth.Usernames;
import dev.tern.server.auth.sasl.SaslStep.Challenge;
import dev.tern.server.auth.sasl.SaslStep.Failure;
import dev.tern.server.auth.sasl.SaslStep.Success;

/**
 * The server side of SCRAM-SHA-1 and SCRAM-SHA-256 without channel binding (RFC 5802,
 * RFC 7677).
 *
 * <p>The server never advertises a -PLUS variant, so it accepts the GS2 flags "n" and "y",
 * and rejects "p", which requires channel binding. An unknown username gets a decoy
 * credential from the {@link CredentialSource}, so the exchange runs the same steps and
 * fails with the same message as a wrong password.
 */
public final class ScramMechanism implements SaslMechanism {

    private enum State { AWAITING_CLIENT_FIRST, AWAITING_CLIENT_FINAL, ENDED }

    private static final String WRONG_CREDENTIALS = "Wrong username or password";

    private final ScramAlgorithm algorithm;
    private final CredentialSource credentials;
    private final String domain;
    private final Supplier<String> serverNonces;

    private State state = State.AWAITING_CLIENT_FIRST;
    private boolean sentEmptyChallenge;
    private String username;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private ScramCredential credential;

    /**
     * @param domain the server's domain, for the authzid check
     * @param serverNonces the source of the server's part of the nonce: printable ASCII
     *     without ",", unpredictable and new for each exchange
     */
    public ScramMechanism(ScramAlgorithm algorithm, CredentialSource credentials, String domain,
            Supplier<String> serverNonces) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.serverNonces = Objects.requireNonNull(serverNonces, "serverNonces");
    }

    @Override
    public String name() {
        return algorithm.mechanismName();
    }

    @Override
    public String authenticationId() {
        return username;
    }

    @Override
    public SaslStep evaluate(byte[] response) {
        return switch (state) {
            case AWAITING_CLIENT_FIRST -> evaluateClientFirst(response);
            case AWAITING_CLIENT_FINAL -> evaluateClientFinal(response);
            case ENDED -> throw new IllegalStateException(name() + " exchange has already ended");
        };
    }

    private SaslStep evaluateClientFirst(byte[] response) {
        if (response.length == 0 && !sentEmptyChallenge) {
            // No initial response: ask for the client-first-message (RFC 6120 section 6.4.2).
            sentEmptyChallenge = true;
            return new Challenge(new byte[0]);
        }
        String message = ScramSyntax.decodeUtf8(response);
        if (message == null) {
            return fail(SaslCondition.MALFORMED_REQUEST, "client-first-message is not valid UTF-8");
        }

        // gs2-header = gs2-cbind-flag "," [ authzid ] ","
        int flagEnd = message.indexOf(',');
        int authzidEnd = flagEnd < 0 ? -1 : message.indexOf(',', flagEnd + 1);
        if (authzidEnd < 0) {
            return fail(SaslCondition.MALFORMED_REQUEST, "client-first-message lacks a GS2 header");
        }
        String flag = message.substring(0, flagEnd);
        if (flag.startsWith("p=")) {
            return fail(SaslCondition.NOT_AUTHORIZED, "Channel binding is not supported; use " + name()
                    + " without it");
        }
        if (!flag.equals("n") && !flag.equals("y")) {
            return fail(SaslCondition.MALFORMED_REQUEST, "GS2 channel binding flag must be n, y or p=");
        }
        String authzid = "";
        String authzidField = message.substring(flagEnd + 1, authzidEnd);
        if (!authzidField.isEmpty()) {
            authzid = authzidField.startsWith("a=") ? ScramSyntax.decodeSaslname(authzidField.substring(2)) : null;
            if (authzid == null) {
                return fail(SaslCondition.MALFORMED_REQUEST, "GS2 authzid is not a valid a= saslname");
            }
        }
        gs2Header = message.substring(0, authzidEnd + 1);
        clientFirstBare = message.substring(authzidEnd + 1);

        // client-first-message-bare = [reserved-mext ","] username "," nonce ["," extensions]
        String[] attributes = clientFirstBare.split(",", -1);
        if (attributes[0].startsWith("m=")) {
            return fail(SaslCondition.MALFORMED_REQUEST, "Mandatory SCRAM extensions (m=) are not supported");
        }
        if (attributes.length < 2 || !attributes[0].startsWith("n=") || !attributes[1].startsWith("r=")) {
            return fail(SaslCondition.MALFORMED_REQUEST, "client-first-message-bare must start with n= and r=");
        }
        for (int i = 2; i < attributes.length; i++) {
            if (!ScramSyntax.isExtension(attributes[i])) {
                return fail(SaslCondition.MALFORMED_REQUEST, "client-first-message has an invalid attribute");
            }
        }
        String rawUsername = ScramSyntax.decodeSaslname(attributes[0].substring(2));
        if (rawUsername == null) {
            return fail(SaslCondition.MALFORMED_REQUEST, "Username is not a valid saslname");
        }
        String clientNonce = attributes[1].substring(2);
        if (!ScramSyntax.isValidNonce(clientNonce)) {
            return fail(SaslCondition.MALFORMED_REQUEST, "Client nonce must be printable ASCII without commas");
        }

        try {
            username = Usernames.prepare(rawUsername);
        } catch (IllegalArgumentException e) {
            // A name that no account can have reveals nothing about which accounts exist.
            return fail(SaslCondition.NOT_AUTHORIZED, WRONG_CREDENTIALS);
        }
        if (!AuthorizationIdentity.permits(authzid, username, domain)) {
            return fail(SaslCondition.INVALID_AUTHZID, "Authorization identity must be empty or your bare JID");
        }

        String serverNonce = serverNonces.get();
        if (!ScramSyntax.isValidNonce(serverNonce)) {
            throw new IllegalStateException("Server nonce source returned an invalid nonce; it must be printable"
                    + " ASCII without commas");
        }
        nonce = clientNonce + serverNonce;
        credential = credentials.scramCredential(username, algorithm);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credential.salt())
                + ",i=" + credential.iterations();
        state = State.AWAITING_CLIENT_FINAL;
        return new Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep evaluateClientFinal(byte[] response) {
        String message = ScramSyntax.decodeUtf8(response);
        if (message == null) {
            return fail(SaslCondition.MALFORMED_REQUEST, "client-final-message is not valid UTF-8");
        }

        // client-final-message = channel-binding "," nonce ["," extensions] "," proof
        int proofStart = message.lastIndexOf(",p=");
        if (proofStart < 0) {
            return fail(SaslCondition.MALFORMED_REQUEST, "client-final-message lacks the proof p=");
        }
        String withoutProof = message.substring(0, proofStart);
        String[] attributes = withoutProof.split(",", -1);
        if (attributes.length < 2 || !attributes[0].startsWith("c=") || !attributes[1].startsWith("r=")) {
            return fail(SaslCondition.MALFORMED_REQUEST, "client-final-message must start with c= and r=");
        }
        for (int i = 2; i < attributes.length; i++) {
            if (!ScramSyntax.isExtension(attributes[i])) {
                return fail(SaslCondition.MALFORMED_REQUEST, "client-final-message has an invalid attribute");
            }
        }
        byte[] channelBinding = decodeBase64(attributes[0].substring(2));
        byte[] proof = decodeBase64(message.substring(proofStart + 3));
        if (channelBinding == null || proof == null) {
            return fail(SaslCondition.MALFORMED_REQUEST, "c= and p= must be Base64");
        }
        if (proof.length != algorithm.hashLength()) {
            return fail(SaslCondition.MALFORMED_REQUEST, "Proof must be " + algorithm.hashLength() + " bytes long");
        }

        // Without channel binding, c= repeats the GS2 header byte for byte.
        if (!MessageDigest.isEqual(channelBinding, gs2Header.getBytes(StandardCharsets.UTF_8))) {
            return fail(SaslCondition.NOT_AUTHORIZED, "Channel binding data c= does not match the GS2 header");
        }
        if (!attributes[1].substring(2).equals(nonce)) {
            return fail(SaslCondition.NOT_AUTHORIZED, "Nonce r= does not match the nonce of this exchange");
        }

        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] storedKey = credential.storedKey();
        byte[] clientSignature = algorithm.hmac(storedKey, authMessage);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(algorithm.hash(clientKey), storedKey)) {
            return fail(SaslCondition.NOT_AUTHORIZED, WRONG_CREDENTIALS);
        }

        byte[] serverSignature = algorithm.hmac(credential.serverKey(), authMessage);
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
        state = State.ENDED;
        return new Success(serverFinal.getBytes(StandardCharsets.UTF_8), username);
    }

    private SaslStep fail(SaslCondition condition, String text) {
        state = State.ENDED;
        return new Failure(condition, text);
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
