package dev.tern.console;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.jolokia.json.parser.ParseException;

/**
 * A small Jolokia client: each call POSTs one {@code read} or {@code exec} request as JSON with
 * HTTP Basic credentials, and returns the reply's {@code value}. Errors become
 * {@link ConsoleException}s whose message states what to do.
 */
public final class JolokiaClient {

    /** How long one request may take: an upgrade that stops and starts many processes is the slowest. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // Jolokia writes a failure as "<exception class> : <message>"; the console shows the message.
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^[\\w.$]+ : ");

    private final URI url;
    private final String user;
    private final String authorization;
    private final HttpClient http;

    /**
     * @param url      the endpoint, ending in {@code /jolokia/}
     * @param password the management password; the client keeps only the encoded header
     */
    public JolokiaClient(URI url, String user, char[] password) {
        this.url = url;
        this.user = user;
        String credentials = user + ":" + new String(password);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    public URI url() {
        return url;
    }

    /** Reads one attribute, or all attributes as a map when {@code attribute} is null. */
    public Object read(String mbean, String attribute) throws ConsoleException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "read");
        request.put("mbean", mbean);
        if (attribute != null) {
            request.put("attribute", attribute);
        }
        return join(send(request));
    }

    /** Invokes an operation and returns its result, or null for a void operation. */
    public Object exec(String mbean, String operation, Object... arguments) throws ConsoleException {
        return join(execAsync(mbean, operation, arguments));
    }

    /** Invokes an operation without waiting; the future fails with a {@link ConsoleException}. */
    public CompletableFuture<Object> execAsync(String mbean, String operation, Object... arguments) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "exec");
        request.put("mbean", mbean);
        request.put("operation", operation);
        request.put("arguments", Arrays.asList(arguments));
        return send(request);
    }

    /** Waits for a request started with {@link #execAsync} and unwraps its failure. */
    static Object join(CompletableFuture<Object> reply) throws ConsoleException {
        try {
            return reply.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConsoleException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private CompletableFuture<Object> send(Map<String, Object> request) {
        HttpRequest http = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request), StandardCharsets.UTF_8))
                .build();
        return this.http.sendAsync(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    try {
                        if (error != null) {
                            throw transportFailure(error instanceof CompletionException ? error.getCause() : error);
                        }
                        return value(request, response);
                    } catch (ConsoleException e) {
                        throw new CompletionException(e);
                    }
                });
    }

    private Object value(Map<String, Object> request, HttpResponse<String> response) throws ConsoleException {
        if (response.statusCode() == 401) {
            throw new ConsoleException(ConsoleException.Kind.UNREACHABLE, "The server at " + url
                    + " rejected the password of management user '" + user + "' (HTTP 401). Check the password file "
                    + "named by management.password_file in the server's configuration, or pass --password-file");
        }
        if (response.statusCode() != 200) {
            throw ConsoleException.failed("The management endpoint at " + url + " replied with HTTP "
                    + response.statusCode() + "; is it a Jolokia endpoint?");
        }
        Map<?, ?> reply;
        try {
            reply = Json.parse(response.body()) instanceof Map<?, ?> map ? map : null;
        } catch (ParseException e) {
            reply = null;
        }
        if (reply == null) {
            throw ConsoleException.failed("The management endpoint at " + url + " sent a reply that is not a "
                    + "Jolokia JSON object; is it a Jolokia endpoint?");
        }
        int status = reply.get("status") instanceof Number number ? number.intValue() : 0;
        if (status == 200) {
            return reply.get("value");
        }
        throw failure(request, status, reply);
    }

    private ConsoleException failure(Map<String, Object> request, int status, Map<?, ?> reply) {
        String type = String.valueOf(reply.get("error_type"));
        if (status == 404 && type.endsWith("InstanceNotFoundException")) {
            return ConsoleException.failed("The server has no MBean '" + request.get("mbean") + "'; it may be "
                    + "older than this console or not run that feature");
        }
        String message = String.valueOf(reply.get("error"));
        return ConsoleException.failed(EXCEPTION_PREFIX.matcher(message).replaceFirst(""));
    }

    private ConsoleException transportFailure(Throwable error) {
        if (error instanceof HttpConnectTimeoutException) {
            return new ConsoleException(ConsoleException.Kind.UNREACHABLE, "Connecting to the Tern server at " + url
                    + " timed out after " + CONNECT_TIMEOUT.toSeconds() + " s; check the address, or pass --url");
        }
        if (error instanceof HttpTimeoutException) {
            return ConsoleException.failed("The server at " + url + " did not reply within "
                    + REQUEST_TIMEOUT.toMinutes() + " minutes; the operation may still be running, so check its "
                    + "outcome before retrying");
        }
        if (error instanceof ConnectException) {
            return new ConsoleException(ConsoleException.Kind.UNREACHABLE, "Cannot reach the Tern server at " + url
                    + " (connection refused). Start it with 'bin/tern start', or pass --url with its management "
                    + "address");
        }
        if (error instanceof IOException) {
            return new ConsoleException(ConsoleException.Kind.UNREACHABLE, "The request to the Tern server at " + url
                    + " failed: " + error.getMessage());
        }
        return new ConsoleException(ConsoleException.Kind.FAILED, "The request to " + url + " failed: " + error);
    }

    /** Returns a reply value as a list, treating null as empty. */
    static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    /** Returns a reply value as a map. */
    static Map<?, ?> map(Object value) {
        return value == null ? Map.of() : (Map<?, ?>) value;
    }
}
