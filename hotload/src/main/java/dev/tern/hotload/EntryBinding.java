package dev.tern.hotload;

import dev.tern.hotload.api.ModuleContext;
import dev.tern.hotload.loading.LoadedCode;
import java.util.Map;

/**
 * Calls a {@link ModuleBinding} with entries held as plain objects, each call with the
 * version's class loader as the thread's context class loader.
 */
final class EntryBinding<E, R> {

    private final ModuleBinding<E, R> binding;

    EntryBinding(ModuleBinding<E, R> binding) {
        this.binding = binding;
    }

    Object instantiate(LoadedCode code) throws Exception {
        return code.instantiateEntry(binding.entryType());
    }

    void verify(LoadedVersion version) throws Exception {
        withLoader(version, () -> {
            binding.verify(entry(version), version.options);
            return null;
        });
    }

    void start(LoadedVersion version, ModuleContext<R> context) throws Exception {
        withLoader(version, () -> {
            binding.start(entry(version), context);
            return null;
        });
    }

    void stop(LoadedVersion version, ModuleContext<R> context) throws Exception {
        withLoader(version, () -> {
            binding.stop(entry(version), context);
            return null;
        });
    }

    Map<String, Object> exportState(LoadedVersion version) throws Exception {
        Map<String, Object> state = withLoader(version, () -> binding.exportState(entry(version)));
        return state == null ? Map.of() : state;
    }

    void importState(LoadedVersion version, String fromVersion, Map<String, Object> state) throws Exception {
        withLoader(version, () -> {
            binding.importState(entry(version), fromVersion, state);
            return null;
        });
    }

    private E entry(LoadedVersion version) {
        return binding.entryType().cast(version.entry);
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T withLoader(LoadedVersion version, Call<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(version.classLoader());
        try {
            return call.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
