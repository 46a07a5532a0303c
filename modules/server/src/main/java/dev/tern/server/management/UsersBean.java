package dev.tern.server.management;

import dev.tern.server.auth.AccountExistsException;
import dev.tern.server.auth.AccountNotFoundException;
import dev.tern.server.auth.AccountStore;
import dev.tern.server.auth.Usernames;
import dev.tern.server.session.SessionEntry;
import dev.tern.server.session.SessionManager;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.StreamErrorCondition;
import java.util.List;

/** Implements {@link UsersMXBean} over the account store. */
final class UsersBean implements UsersMXBean {

    private final String domain;
    private final AccountStore accounts;
    private final SessionManager sessions;

    UsersBean(String domain, AccountStore accounts, SessionManager sessions) {
        this.domain = domain;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    public long getCount() {
        return accounts.count();
    }

    @Override
    public void add(String username, String password) {
        String prepared = Usernames.prepare(username);
        requirePassword(password);
        try {
            accounts.create(prepared, password);
        } catch (AccountExistsException e) {
            throw new IllegalStateException("Account '" + prepared + "' already exists; use changePassword to set "
                    + "its password");
        }
    }

    @Override
    public void delete(String username) {
        String prepared = Usernames.prepare(username);
        if (!accounts.delete(prepared)) {
            throw notFound(prepared);
        }
        for (SessionEntry entry : sessions.entries(Jid.of(prepared, domain, null))) {
            sessions.kick(entry.fullJid(), StreamErrorCondition.NOT_AUTHORIZED, "Your account was deleted");
        }
    }

    @Override
    public void changePassword(String username, String password) {
        String prepared = Usernames.prepare(username);
        requirePassword(password);
        try {
            accounts.changePassword(prepared, password);
        } catch (AccountNotFoundException e) {
            throw notFound(prepared);
        }
    }

    @Override
    public boolean exists(String username) {
        return accounts.exists(Usernames.prepare(username));
    }

    @Override
    public List<String> list(String after, int limit) {
        return accounts.list(after == null || after.isEmpty() ? null : after, limit);
    }

    private static void requirePassword(String password) {
        if (password == null) {
            throw new IllegalArgumentException("Password is missing");
        }
    }

    private static IllegalArgumentException notFound(String username) {
        return new IllegalArgumentException("No account '" + username + "'; 'list' shows the accounts");
    }
}
