package dev.tern.server.management;

import java.util.List;

/**
 * Logger levels at runtime, as {@code tern:type=Logging}. Changes last until the server stops
 * or Logback reloads its configuration file.
 *
 * @throws IllegalStateException from every operation when SLF4J's backend is not Logback
 */
public interface LoggingMXBean {

    /** Returns the loggers that have a level of their own, the root logger first. */
    List<LoggerView> loggers();

    /** Returns the level of {@code logger}; {@code ROOT} names the root logger. */
    LoggerView getLevel(String logger);

    /**
     * Sets the level of {@code logger}: TRACE, DEBUG, INFO, WARN, ERROR or OFF, case-insensitive.
     * An empty level or {@code INHERIT} removes the logger's own level, so it inherits its parent's.
     *
     * @throws IllegalArgumentException when the level is not one of these, or when removing the root logger's level
     */
    LoggerView setLevel(String logger, String level);
}
