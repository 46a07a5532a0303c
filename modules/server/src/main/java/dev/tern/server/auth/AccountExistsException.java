package dev.tern.server.auth;

/** An account could not be created because one with the same username exists. */
public final class AccountExistsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String username;

    public AccountExistsException(String username) {
        super("Account '" + username + "' already exists");
        this.username = username;
    }

    public String username() {
        return username;
    }
}
