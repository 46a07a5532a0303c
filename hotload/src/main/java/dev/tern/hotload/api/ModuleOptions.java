package dev.tern.hotload.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A module's option values, typed as the descriptor declares them (string, int, long,
 * boolean, duration). The host parses and validates them before the module starts.
 */
public final class ModuleOptions {

    private final Map<String, Object> values;

    /** Wraps already validated values; module code receives instances, it does not build them. */
    public ModuleOptions(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Returns the declared option names. */
    public Set<String> names() {
        return values.keySet();
    }

    public String string(String name) {
        return get(name, String.class);
    }

    public int integer(String name) {
        return get(name, Integer.class);
    }

    public long longValue(String name) {
        return get(name, Long.class);
    }

    public boolean bool(String name) {
        return get(name, Boolean.class);
    }

    public Duration duration(String name) {
        return get(name, Duration.class);
    }

    /** Returns the values by name. */
    public Map<String, Object> asMap() {
        return values;
    }

    private <T> T get(String name, Class<T> type) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Option '" + name + "' is not declared; declared options: " + values.keySet());
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("Option '" + name + "' is a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName() + "; read it with the getter of its declared type");
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
