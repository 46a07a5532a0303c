package dev.tern.hotload.descriptor;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The type of a module option, and how its configured text becomes a value. */
public enum OptionType {

    /** Any text, kept as written. */
    STRING {
        @Override
        Object convert(String text) {
            return text;
        }
    },

    /** A 32-bit signed integer in decimal. */
    INT {
        @Override
        Object convert(String text) {
            return Integer.parseInt(text.trim());
        }
    },

    /** A 64-bit signed integer in decimal. */
    LONG {
        @Override
        Object convert(String text) {
            return Long.parseLong(text.trim());
        }
    },

    /** Exactly {@code true} or {@code false}. */
    BOOLEAN {
        @Override
        Object convert(String text) {
            return switch (text.trim()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("expected true or false");
            };
        }
    },

    /** An ISO-8601 duration such as {@code PT30S}. */
    DURATION {
        @Override
        Object convert(String text) {
            return Duration.parse(text.trim());
        }
    };

    abstract Object convert(String text);

    /**
     * Converts configured text into a value of this type.
     *
     * @throws DescriptorException naming the option and the expected form when the text does not parse
     */
    public Object parse(String option, String text) {
        try {
            return convert(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(option, text, e);
        } catch (IllegalArgumentException e) {
            throw invalid(option, text, e);
        }
    }

    private DescriptorException invalid(String option, String text, RuntimeException cause) {
        return new DescriptorException("Invalid value '" + text + "' for option '" + option + "': expected "
                + describe(), cause);
    }

    private String describe() {
        return switch (this) {
            case STRING -> "text";
            case INT -> "a 32-bit integer";
            case LONG -> "a 64-bit integer";
            case BOOLEAN -> "true or false";
            case DURATION -> "an ISO-8601 duration such as PT30S";
        };
    }

    /** Parses a type name as written in a descriptor ({@code string}, {@code int}, …). */
    public static OptionType named(String option, String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DescriptorException("Option '" + option + "' has unknown type '" + name
                    + "'; use string, int, long, boolean or duration", e);
        }
    }
}
