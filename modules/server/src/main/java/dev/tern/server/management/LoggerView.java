package dev.tern.server.management;

/**
 * One logger's level.
 *
 * @param logger         the logger name; {@code ROOT} for the root logger
 * @param level          the level set on this logger, or null when it inherits one
 * @param effectiveLevel the level in force, set here or inherited
 */
public record LoggerView(String logger, String level, String effectiveLevel) {
}
