package dev.tern.server.management;

import java.util.List;

/**
 * The accounts, as {@code tern:type=Users}. Usernames are prepared as JID localparts first, so
 * {@code Alice} and {@code alice} name one account. Passwords arrive in the call and are never
 * logged or returned.
 */
public interface UsersMXBean {

    /** Returns the number of accounts. */
    long getCount();

    /**
     * Creates an account.
     *
     * @throws IllegalArgumentException when the username or password is invalid
     * @throws IllegalStateException    when the account exists
     */
    void add(String username, String password);

    /**
     * Deletes an account and closes its sessions with the stream error {@code not-authorized}.
     *
     * @throws IllegalArgumentException when no such account exists
     */
    void delete(String username);

    /**
     * Sets a new password; sessions stay open.
     *
     * @throws IllegalArgumentException when no such account exists or the password is invalid
     */
    void changePassword(String username, String password);

    /** Returns whether the account exists. */
    boolean exists(String username);

    /**
     * Returns up to {@code limit} usernames that sort after {@code after}, in ascending order:
     * pass an empty string for the first page, then the last username of each page.
     *
     * @throws IllegalArgumentException when {@code limit} is outside 1 to 1000
     */
    List<String> list(String after, int limit);
}
