package dev.tern.hotload.descriptor;

import java.util.Objects;

/**
 * One option a module declares.
 *
 * @param name         the key in the module's configuration
 * @param type         how the configured text is parsed
 * @param defaultValue the text used when nothing is configured, or null when the option must be configured
 * @param description  one sentence for operators, or empty
 */
public record OptionSpec(String name, OptionType type, String defaultValue, String description) {

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (defaultValue != null) {
            type.parse(name, defaultValue);
        }
    }

    /** Returns true when the option has no default, so the configuration must set it. */
    public boolean isRequired() {
        return defaultValue == null;
    }
}
