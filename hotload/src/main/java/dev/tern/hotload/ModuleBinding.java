package dev.tern.hotload;

import dev.tern.hotload.api.ModuleContext;
import dev.tern.hotload.api.ModuleEntry;
import dev.tern.hotload.api.ModuleOptions;
import java.util.Map;

/**
 * Connects hotload to a host's module API: which interface entry classes implement, and how
 * to start, stop and migrate an entry. A host with its own API (the XMPP server's feature
 * modules) wraps the generic {@link ModuleContext} in its own context here; hotload still
 * records and undoes everything, because the wrapper registers through the generic one.
 *
 * <p>Every method runs with the module's class loader as the thread's context class loader.
 *
 * @param <E> the entry interface; it must come from an {@link ApiModule} so that module
 *            classes and the host see the same interface
 * @param <R> the host's registration type
 */
public interface ModuleBinding<E, R> {

    /** Returns the interface every entry class must implement. */
    Class<E> entryType();

    /**
     * Checks a freshly loaded entry before anything runs, e.g. options the host's API reads
     * on its own. Throwing fails the install or upgrade. The default accepts every entry.
     */
    default void verify(E entry, ModuleOptions options) throws Exception {
    }

    /** Starts {@code entry}; on an upgrade {@code context.upgradingFrom()} is set. */
    void start(E entry, ModuleContext<R> context) throws Exception;

    /** Runs the entry's own stop code before hotload undoes the context; not called on an upgrade. */
    void stop(E entry, ModuleContext<R> context) throws Exception;

    /** Returns the entry's module-level state for the next version, as JDK and API types. */
    Map<String, Object> exportState(E entry) throws Exception;

    /** Hands {@code entry} the state another version exported; runs before {@link #start}. */
    void importState(E entry, String fromVersion, Map<String, Object> state) throws Exception;

    /** Returns the binding for entries that implement hotload's own {@link ModuleEntry}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <R> ModuleBinding<ModuleEntry<R>, R> standard() {
        Class<ModuleEntry<R>> type = (Class) ModuleEntry.class;
        return new ModuleBinding<>() {
            @Override
            public Class<ModuleEntry<R>> entryType() {
                return type;
            }

            @Override
            public void start(ModuleEntry<R> entry, ModuleContext<R> context) throws Exception {
                entry.start(context);
            }

            @Override
            public void stop(ModuleEntry<R> entry, ModuleContext<R> context) throws Exception {
                entry.stop(context);
            }

            @Override
            public Map<String, Object> exportState(ModuleEntry<R> entry) {
                return entry.exportState();
            }

            @Override
            public void importState(ModuleEntry<R> entry, String fromVersion, Map<String, Object> state)
                    throws Exception {
                entry.importState(fromVersion, state);
            }
        };
    }
}
