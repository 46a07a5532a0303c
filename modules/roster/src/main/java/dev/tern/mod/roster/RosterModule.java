package dev.tern.mod.roster;

import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.IqType;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.ModuleOption;
import dev.tern.xmpp.api.roster.Roster;

/**
 * Roster management (RFC 6121 section 2): roster get with roster versioning, roster set and
 * remove with their pushes, and the {@link Roster} API through which the presence module reads
 * subscribers and moves subscription states. The rosters live in the database, so the module
 * hands no in-memory state to its next version.
 */
public final class RosterModule implements FeatureModule {

    /** The maximum length of an item name; a longer one gets {@code not-acceptable} (RFC 6121 section 2.3.3). */
    public static final ModuleOption<Integer> MAX_NAME_LENGTH = ModuleOption.integer("max-name-length",
            "The maximum length of a roster item's name, in UTF-16 characters", RosterSchema.MAX_TEXT_LENGTH, 1,
            RosterSchema.MAX_TEXT_LENGTH);

    /** The maximum length of a group name; a longer one gets {@code not-acceptable} (RFC 6121 section 2.3.3). */
    public static final ModuleOption<Integer> MAX_GROUP_LENGTH = ModuleOption.integer("max-group-length",
            "The maximum length of a roster group's name, in UTF-16 characters", RosterSchema.MAX_TEXT_LENGTH, 1,
            RosterSchema.MAX_TEXT_LENGTH);

    @Override
    public void start(ModuleContext context) {
        int maxNameLength = context.option(MAX_NAME_LENGTH);
        int maxGroupLength = context.option(MAX_GROUP_LENGTH);
        context.storage().migrate(RosterSchema.MIGRATIONS);

        RosterStore store = new RosterStore(context.storage());
        RosterPushes pushes = new RosterPushes(context.sessions(), context.counter("pushes"));
        context.implement("RFC 6121", "2011", "section 2: roster management and versioning; versioned gets "
                + "return the whole roster when the version differs");
        context.handleIq(IqTarget.ACCOUNT, IqType.GET, Namespaces.ROSTER, new RosterGet(store, context.sessions()));
        context.handleIq(IqTarget.ACCOUNT, IqType.SET, Namespaces.ROSTER,
                new RosterSet(store, pushes, context, maxNameLength, maxGroupLength));
        context.provide(Roster.class, new StoredRoster(store, pushes));
    }
}
