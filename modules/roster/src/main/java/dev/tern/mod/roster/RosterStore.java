package dev.tern.mod.roster;

import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.ModuleStorage;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.RosterItem;
import dev.tern.xmpp.api.roster.Subscription;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The rosters in the database. Every change that a roster get shows advances the owner's
 * roster version in the same transaction, so the version a client has names exactly one
 * state of its roster (RFC 6121 section 2.6).
 */
final class RosterStore {

    /** An owner's items and the roster version they belong to. */
    record Snapshot(long version, List<RosterItem> items) {
    }

    /** An item as a change left it, and the roster version after the change. */
    record Change(RosterItem item, long version) {
    }

    /** The subscription after an update, and the changed item to push, or null when the item did not change. */
    record SubscriptionChange(ContactSubscription subscription, Change pushed) {
    }

    // SQLSTATE of a unique-key violation, in H2 and PostgreSQL alike.
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int UPDATE_ATTEMPTS = 3;

    private static final String SELECT_ITEMS = """
            SELECT contact_jid, item_name, subscription, ask_subscribe, approved FROM roster_items
            WHERE owner_jid = ? ORDER BY contact_jid""";
    private static final String SELECT_GROUPS = """
            SELECT contact_jid, group_name FROM roster_groups WHERE owner_jid = ? ORDER BY contact_jid, group_order""";
    private static final String SELECT_ITEM = """
            SELECT contact_jid, item_name, subscription, ask_subscribe, approved FROM roster_items
            WHERE owner_jid = ? AND contact_jid = ?""";
    private static final String SELECT_ITEM_FOR_UPDATE = SELECT_ITEM + " FOR UPDATE";
    private static final String SELECT_ITEM_GROUPS = """
            SELECT group_name FROM roster_groups WHERE owner_jid = ? AND contact_jid = ? ORDER BY group_order""";
    private static final String INSERT_ITEM = """
            INSERT INTO roster_items (owner_jid, contact_jid, item_name, subscription, ask_subscribe, approved)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String UPDATE_NAME = "UPDATE roster_items SET item_name = ? WHERE owner_jid = ? AND contact_jid = ?";
    private static final String UPDATE_SUBSCRIPTION = """
            UPDATE roster_items SET subscription = ?, ask_subscribe = ?, approved = ?
            WHERE owner_jid = ? AND contact_jid = ?""";
    private static final String DELETE_ITEM = "DELETE FROM roster_items WHERE owner_jid = ? AND contact_jid = ?";
    private static final String DELETE_GROUPS = "DELETE FROM roster_groups WHERE owner_jid = ? AND contact_jid = ?";
    private static final String INSERT_GROUP = """
            INSERT INTO roster_groups (owner_jid, contact_jid, group_order, group_name) VALUES (?, ?, ?, ?)""";
    private static final String SELECT_PENDING = "SELECT contact_jid FROM roster_pending_in WHERE owner_jid = ? ORDER BY contact_jid";
    private static final String SELECT_PENDING_ONE = "SELECT 1 FROM roster_pending_in WHERE owner_jid = ? AND contact_jid = ?";
    private static final String INSERT_PENDING = "INSERT INTO roster_pending_in (owner_jid, contact_jid) VALUES (?, ?)";
    private static final String DELETE_PENDING = "DELETE FROM roster_pending_in WHERE owner_jid = ? AND contact_jid = ?";
    private static final String SELECT_VERSION = "SELECT roster_version FROM roster_versions WHERE owner_jid = ?";
    private static final String BUMP_VERSION = "UPDATE roster_versions SET roster_version = roster_version + 1 WHERE owner_jid = ?";
    private static final String INSERT_VERSION = "INSERT INTO roster_versions (owner_jid, roster_version) VALUES (?, 1)";

    private final ModuleStorage storage;

    RosterStore(ModuleStorage storage) {
        this.storage = storage;
    }

    /** Returns the owner's items with the version they belong to, read in one transaction. */
    Snapshot snapshot(Jid owner) {
        return storage.inTransaction(connection -> new Snapshot(readVersion(connection, owner), readItems(connection, owner)));
    }

    Optional<RosterItem> item(Jid owner, Jid contact) {
        return storage.inTransaction(connection -> Optional.ofNullable(readItem(connection, owner, contact, false)));
    }

    List<Jid> pendingIn(Jid owner) {
        return storage.inTransaction(connection -> {
            List<Jid> contacts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT_PENDING)) {
                select.setString(1, owner.toString());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        contacts.add(Jid.parse(rows.getString(1)));
                    }
                }
            }
            return contacts;
        });
    }

    ContactSubscription subscription(Jid owner, Jid contact) {
        return storage.inTransaction(connection -> toSubscription(readItem(connection, owner, contact, false),
                isPendingIn(connection, owner, contact)));
    }

    /** Adds the item or changes its name and groups, keeping its subscription state (RFC 6121 section 2.3.2). */
    Change setItem(Jid owner, Jid contact, String name, List<String> groups) {
        return storage.inTransaction(connection -> {
            RosterItem existing = readItem(connection, owner, contact, true);
            if (existing == null) {
                insertItem(connection, owner, new RosterItem(contact, name, Subscription.NONE, false, false, List.of()));
            } else {
                execute(connection, UPDATE_NAME, name, owner.toString(), contact.toString());
                execute(connection, DELETE_GROUPS, owner.toString(), contact.toString());
            }
            for (int index = 0; index < groups.size(); index++) {
                execute(connection, INSERT_GROUP, owner.toString(), contact.toString(), index, groups.get(index));
            }
            long version = bumpVersion(connection, owner);
            return new Change(readItem(connection, owner, contact, false), version);
        });
    }

    /** Removes the item; returns it as it was with the new version, or empty when there was none. */
    Optional<Change> removeItem(Jid owner, Jid contact) {
        return storage.inTransaction(connection -> {
            RosterItem existing = readItem(connection, owner, contact, true);
            if (existing == null) {
                return Optional.empty();
            }
            execute(connection, DELETE_GROUPS, owner.toString(), contact.toString());
            execute(connection, DELETE_ITEM, owner.toString(), contact.toString());
            return Optional.of(new Change(existing, bumpVersion(connection, owner)));
        });
    }

    /**
     * Applies {@code change} to the subscription between owner and contact in one transaction,
     * with the item's row locked. Two first-time updates of the same pair can still race to
     * insert; the loser's transaction fails on the unique key and is retried, so {@code change}
     * may run more than once.
     */
    SubscriptionChange updateSubscription(Jid owner, Jid contact, UnaryOperator<ContactSubscription> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return storage.inTransaction(connection -> applySubscription(connection, owner, contact, change));
            } catch (RuntimeException e) {
                if (attempt >= UPDATE_ATTEMPTS || !isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private SubscriptionChange applySubscription(Connection connection, Jid owner, Jid contact,
            UnaryOperator<ContactSubscription> change) throws SQLException {
        RosterItem item = readItem(connection, owner, contact, true);
        boolean pendingIn = isPendingIn(connection, owner, contact);
        ContactSubscription after = change.apply(toSubscription(item, pendingIn));
        SubscriptionState state = after.state();

        if (state.pendingIn() && !pendingIn) {
            execute(connection, INSERT_PENDING, owner.toString(), contact.toString());
        } else if (!state.pendingIn() && pendingIn) {
            execute(connection, DELETE_PENDING, owner.toString(), contact.toString());
        }

        boolean needsItem = state.subscription() != Subscription.NONE || state.pendingOut() || after.approved();
        RosterItem updated;
        if (item == null) {
            if (!needsItem) {
                return new SubscriptionChange(after, null);
            }
            updated = new RosterItem(contact, null, state.subscription(), state.pendingOut(), after.approved(), List.of());
            insertItem(connection, owner, updated);
        } else {
            updated = new RosterItem(item.jid(), item.name(), state.subscription(), state.pendingOut(), after.approved(),
                    item.groups());
            if (updated.equals(item)) {
                return new SubscriptionChange(after, null);
            }
            execute(connection, UPDATE_SUBSCRIPTION, state.subscription().value(), state.pendingOut(),
                    after.approved(), owner.toString(), contact.toString());
        }
        return new SubscriptionChange(after, new Change(updated, bumpVersion(connection, owner)));
    }

    // ---------------------------------------------------------------- rows

    private static ContactSubscription toSubscription(RosterItem item, boolean pendingIn) {
        if (item == null) {
            return new ContactSubscription(SubscriptionState.of(Subscription.NONE, false, pendingIn), false);
        }
        return new ContactSubscription(SubscriptionState.of(item.subscription(), item.ask(), pendingIn),
                item.approved());
    }

    private static List<RosterItem> readItems(Connection connection, Jid owner) throws SQLException {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_GROUPS)) {
            select.setString(1, owner.toString());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    groups.computeIfAbsent(rows.getString(1), contact -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        List<RosterItem> items = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_ITEMS)) {
            select.setString(1, owner.toString());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    items.add(toItem(rows, groups.getOrDefault(rows.getString(1), List.of())));
                }
            }
        }
        return items;
    }

    private static RosterItem readItem(Connection connection, Jid owner, Jid contact, boolean lock)
            throws SQLException {
        List<String> groups = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(lock ? SELECT_ITEM_FOR_UPDATE : SELECT_ITEM)) {
            select.setString(1, owner.toString());
            select.setString(2, contact.toString());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                try (PreparedStatement selectGroups = connection.prepareStatement(SELECT_ITEM_GROUPS)) {
                    selectGroups.setString(1, owner.toString());
                    selectGroups.setString(2, contact.toString());
                    try (ResultSet groupRows = selectGroups.executeQuery()) {
                        while (groupRows.next()) {
                            groups.add(groupRows.getString(1));
                        }
                    }
                }
                return toItem(rows, groups);
            }
        }
    }

    private static RosterItem toItem(ResultSet row, List<String> groups) throws SQLException {
        return new RosterItem(Jid.parse(row.getString(1)), row.getString(2), Subscription.fromValue(row.getString(3)),
                row.getBoolean(4), row.getBoolean(5), groups);
    }

    private static void insertItem(Connection connection, Jid owner, RosterItem item) throws SQLException {
        execute(connection, INSERT_ITEM, owner.toString(), item.jid().toString(), item.name(),
                item.subscription().value(), item.ask(), item.approved());
    }

    private static boolean isPendingIn(Connection connection, Jid owner, Jid contact) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_PENDING_ONE)) {
            select.setString(1, owner.toString());
            select.setString(2, contact.toString());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static long readVersion(Connection connection, Jid owner) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_VERSION)) {
            select.setString(1, owner.toString());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static long bumpVersion(Connection connection, Jid owner) throws SQLException {
        if (execute(connection, BUMP_VERSION, owner.toString()) == 0) {
            execute(connection, INSERT_VERSION, owner.toString());
        }
        return readVersion(connection, owner);
    }

    private static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                statement.setObject(index + 1, parameters[index]);
            }
            return statement.executeUpdate();
        }
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
