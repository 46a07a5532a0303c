package dev.tern.xmpp.api.module;

import dev.tern.xmpp.api.Element;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a feature module may do, as one small vocabulary. Each registration made
 * here is recorded against the module and undone when it stops or is replaced by another
 * version.
 */
public interface ModuleContext {

    /** Returns the XMPP domain this server serves, for example {@code localhost}. */
    String domain();

    /**
     * Declares a specification this module implements, for the compliance table and
     * service discovery, e.g. {@code implement("RFC 6121", "2.0", "complete")}.
     */
    void implement(String specification, String version, String status);

    /**
     * Handles IQ requests of {@code type} whose payload is in {@code namespace}, addressed to
     * {@code target}. At most one handler per key across all modules.
     */
    void handleIq(IqTarget target, IqType type, String namespace, IqHandler handler);

    /** Runs {@code hook} for each stanza of {@code event}, in descending {@code priority}. */
    void hook(StanzaEvent event, int priority, StanzaHook hook);

    /** Gets told when a session binds a resource and when it ends. */
    void onSession(SessionListener listener);

    /** Advertises a service discovery feature (XEP-0030) of the server. */
    void addFeature(String feature);

    /** Advertises a service discovery identity (XEP-0030) of the server. */
    void addIdentity(String category, String type, String name);

    /** Returns the configured value of {@code option}, validated when the module loaded. */
    <T> T option(ModuleOption<T> option);

    /** Returns this module's storage: its own tables, with migrations it owns. */
    ModuleStorage storage();

    /** Sends a stanza through the server's router; {@code from} must be set. */
    void route(Element stanza);

    /** Returns the live sessions of local accounts. */
    Sessions sessions();

    /**
     * Starts a supervised process running {@code service}; it is migrated to the next version
     * by {@link Service#codeChange} during an upgrade.
     *
     * @param name unique within the module; the next version's service of the same name
     *             takes over this one's state
     */
    <S> ServiceRef spawn(String name, Service<S> service, Object args);

    /** Runs {@code action} once after {@code delay}, on a kernel timer. */
    Cancellable schedule(Duration delay, Runnable action);

    /** Runs {@code action} every {@code period}, first after one period. */
    Cancellable every(Duration period, Runnable action);

    /** Returns the module's logger. */
    System.Logger log();

    /** Returns a counter named {@code module.<name>} shown by the management plane. */
    Counter counter(String name);

    /** Offers an implementation of an API interface to other modules (e.g. the roster). */
    <T> void provide(Class<T> api, T implementation);

    /** Finds an implementation another module provided, or empty when none runs. */
    <T> Optional<T> lookup(Class<T> api);
}
