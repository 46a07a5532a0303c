package dev.tern.server.module;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StanzaErrorCondition;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.IqRequest;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.IqType;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.StanzaException;
import java.util.function.Supplier;

/**
 * The server's own service discovery (XEP-0030). A disco#info query to the domain returns the
 * server's identity and the identities and features of every running module. A disco#items query
 * returns no items, because the server hosts no components yet. The host starts this as the
 * built-in module {@value ModuleHost#DISCOVERY_MODULE}.
 */
final class ServerDiscovery implements FeatureModule {

    /** The server's identity: an instant messaging server. */
    static final DiscoIdentity SERVER_IDENTITY = new DiscoIdentity("server", "im", "Tern");

    private final Supplier<DispatchTables> tables;

    ServerDiscovery(Supplier<DispatchTables> tables) {
        this.tables = tables;
    }

    @Override
    public void start(ModuleContext context) {
        context.addIdentity(SERVER_IDENTITY.category(), SERVER_IDENTITY.type(), SERVER_IDENTITY.name());
        context.addFeature(Namespaces.DISCO_INFO);
        context.addFeature(Namespaces.DISCO_ITEMS);
        context.handleIq(IqTarget.SERVER, IqType.GET, Namespaces.DISCO_INFO, this::info);
        context.handleIq(IqTarget.SERVER, IqType.GET, Namespaces.DISCO_ITEMS, this::items);
    }

    private Element info(IqRequest request) throws StanzaException {
        rejectNode(request);
        DispatchTables current = tables.get();
        Element.Builder query = Element.builder(Namespaces.DISCO_INFO, "query");
        for (DiscoIdentity identity : current.identities()) {
            query.child(Element.builder(Namespaces.DISCO_INFO, "identity")
                    .attribute("category", identity.category())
                    .attribute("type", identity.type())
                    .attribute("name", identity.name())
                    .build());
        }
        for (String feature : current.features()) {
            query.child(Element.builder(Namespaces.DISCO_INFO, "feature").attribute("var", feature).build());
        }
        return request.result(query.build());
    }

    private Element items(IqRequest request) throws StanzaException {
        rejectNode(request);
        return request.result(Element.of(Namespaces.DISCO_ITEMS, "query"));
    }

    /** The server has no nodes; XEP-0030 replies to a query for an unknown node with item-not-found. */
    private static void rejectNode(IqRequest request) throws StanzaException {
        String node = request.payload().attribute("node");
        if (node != null) {
            throw new StanzaException(StanzaErrorCondition.ITEM_NOT_FOUND,
                    "The server has no service discovery node '" + node + "'");
        }
    }
}
