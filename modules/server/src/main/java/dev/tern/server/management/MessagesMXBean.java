package dev.tern.server.management;

/** Messages from the server's domain to local users, as {@code tern:type=Messages}. */
public interface MessagesMXBean {

    /**
     * Routes a message of type {@code normal} from the domain to {@code to}, a local bare or
     * full JID, as any other stanza is routed (RFC 6121 section 8.5).
     *
     * @throws IllegalArgumentException when {@code to} is invalid, not local, or no account
     */
    void send(String to, String body);

    /**
     * Sends a {@code headline} message (RFC 6121 section 5.2.2) from the domain to every bound
     * resource, and returns how many there were.
     */
    int announce(String body);
}
