package dev.tern.server.config;

import java.io.Serial;

/** Thrown when the configuration has an invalid value; the message names the key, the value and the fix. */
public final class ConfigException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
