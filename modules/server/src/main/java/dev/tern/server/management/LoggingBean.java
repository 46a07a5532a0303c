package dev.tern.server.management;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Implements {@link LoggingMXBean} through {@link LogbackLevels}. */
final class LoggingBean implements LoggingMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingBean.class);

    @Override
    public List<LoggerView> loggers() {
        return LogbackLevels.require().configured();
    }

    @Override
    public LoggerView getLevel(String logger) {
        return LogbackLevels.require().level(requireName(logger));
    }

    @Override
    public LoggerView setLevel(String logger, String level) {
        String name = requireName(logger);
        LoggerView changed = LogbackLevels.require().setLevel(name, level == null ? "" : level.strip());
        LOG.info("Set the level of logger '{}' to '{}' on a management request", changed.logger(),
                changed.level() == null ? "inherited " + changed.effectiveLevel() : changed.level());
        return changed;
    }

    private static String requireName(String logger) {
        if (logger == null || logger.isBlank()) {
            throw new IllegalArgumentException("The logger name is empty; give a name such as dev.tern.server, or ROOT");
        }
        return logger.strip();
    }
}
