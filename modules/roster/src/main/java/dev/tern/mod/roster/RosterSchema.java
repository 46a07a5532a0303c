package dev.tern.mod.roster;

import dev.tern.xmpp.api.module.ModuleStorage.SchemaMigration;
import java.util.List;

/**
 * The roster's tables. Addresses are stored in their canonical string form. A bare JID is at
 * most 2047 characters (two parts of at most 1023 bytes of UTF-8 each, and the {@code @}); an
 * item's JID may be a full JID, up to 3071 characters. Item names and group names are limited
 * by {@link RosterModule#MAX_NAME_LENGTH} and {@link RosterModule#MAX_GROUP_LENGTH}, whose
 * maximum is the column width.
 */
final class RosterSchema {

    /** The widest item name or group name the columns store. */
    static final int MAX_TEXT_LENGTH = 1023;

    static final List<SchemaMigration> MIGRATIONS = List.of(new SchemaMigration(1,
            "Create roster items, their groups, pending inbound subscription requests and roster versions",
            List.of("""
                    CREATE TABLE roster_items (
                        owner_jid VARCHAR(2047) NOT NULL,
                        contact_jid VARCHAR(3071) NOT NULL,
                        item_name VARCHAR(1023),
                        subscription VARCHAR(4) NOT NULL,
                        ask_subscribe BOOLEAN NOT NULL,
                        approved BOOLEAN NOT NULL,
                        PRIMARY KEY (owner_jid, contact_jid)
                    )""", """
                    CREATE TABLE roster_groups (
                        owner_jid VARCHAR(2047) NOT NULL,
                        contact_jid VARCHAR(3071) NOT NULL,
                        group_order INTEGER NOT NULL,
                        group_name VARCHAR(1023) NOT NULL,
                        PRIMARY KEY (owner_jid, contact_jid, group_order),
                        FOREIGN KEY (owner_jid, contact_jid) REFERENCES roster_items (owner_jid, contact_jid)
                            ON DELETE CASCADE
                    )""", """
                    CREATE TABLE roster_pending_in (
                        owner_jid VARCHAR(2047) NOT NULL,
                        contact_jid VARCHAR(2047) NOT NULL,
                        PRIMARY KEY (owner_jid, contact_jid)
                    )""", """
                    CREATE TABLE roster_versions (
                        owner_jid VARCHAR(2047) NOT NULL PRIMARY KEY,
                        roster_version BIGINT NOT NULL
                    )""")));

    private RosterSchema() {
    }
}
