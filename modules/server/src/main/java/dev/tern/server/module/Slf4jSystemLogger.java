package dev.tern.server.module;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import org.slf4j.Logger;

/** The {@link System.Logger} a module gets, writing to the server's SLF4J logging. */
final class Slf4jSystemLogger implements System.Logger {

    private final Logger logger;

    Slf4jSystemLogger(Logger logger) {
        this.logger = logger;
    }

    @Override
    public String getName() {
        return logger.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return switch (level) {
            case ALL, TRACE -> logger.isTraceEnabled();
            case DEBUG -> logger.isDebugEnabled();
            case INFO -> logger.isInfoEnabled();
            case WARNING -> logger.isWarnEnabled();
            case ERROR -> logger.isErrorEnabled();
            case OFF -> false;
        };
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        write(level, localize(bundle, message), thrown);
    }

    /** Formats {@code format} with {@link MessageFormat}, as the {@link System.Logger} contract requires. */
    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (!isLoggable(level)) {
            return;
        }
        String pattern = localize(bundle, format);
        String message = params == null || params.length == 0 ? pattern : MessageFormat.format(pattern, params);
        write(level, message, null);
    }

    private void write(Level level, String message, Throwable thrown) {
        switch (level) {
            case ALL, TRACE -> logger.trace(message, thrown);
            case DEBUG -> logger.debug(message, thrown);
            case INFO -> logger.info(message, thrown);
            case WARNING -> logger.warn(message, thrown);
            case ERROR -> logger.error(message, thrown);
            case OFF -> {
            }
        }
    }

    private static String localize(ResourceBundle bundle, String key) {
        if (bundle == null || key == null || !bundle.containsKey(key)) {
            return key;
        }
        return bundle.getString(key);
    }
}
