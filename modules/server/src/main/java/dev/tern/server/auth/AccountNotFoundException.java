package dev.tern.server.auth;

/** An operation named an account that does not exist. */
public final class AccountNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String username;

    public AccountNotFoundException(String username) {
        super("Account '" + username + "' not found");
        this.username = username;
    }

    public String username() {
        return username;
    }
}
