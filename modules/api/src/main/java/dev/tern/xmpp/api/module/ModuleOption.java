package dev.tern.xmpp.api.module;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed module option with its default, declared as a constant next to the code that reads
 * it. The server parses the configured text with {@code parser} and validates it when the
 * module loads, so a bad value stops the load with a message naming the option.
 *
 * @param name         the key in the module's configuration section
 * @param description  one sentence for the documentation and the error messages
 * @param defaultValue the value when none is configured
 * @param parser       turns configured text into a value; throws IllegalArgumentException for bad text
 */
public record ModuleOption<T>(String name, String description, T defaultValue, Function<String, T> parser) {

    public ModuleOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parser, "parser");
    }

    /** An integer option within {@code [min, max]}. */
    public static ModuleOption<Integer> integer(String name, String description, int defaultValue, int min, int max) {
        return new ModuleOption<>(name, description, defaultValue, text -> {
            int value;
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Option '" + name + "' must be an integer, got '" + text + "'");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("Option '" + name + "' must be between " + min + " and " + max
                        + ", got " + value);
            }
            return value;
        });
    }

    /** A true/false option. */
    public static ModuleOption<Boolean> bool(String name, String description, boolean defaultValue) {
        return new ModuleOption<>(name, description, defaultValue, text -> switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("Option '" + name + "' must be true or false, got '" + text + "'");
        });
    }

    /** A free-text option. */
    public static ModuleOption<String> text(String name, String description, String defaultValue) {
        return new ModuleOption<>(name, description, defaultValue, text -> text);
    }
}
