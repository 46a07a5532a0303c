package dev.tern.server.management;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Reads and sets Logback logger levels through reflection. The server compiles against SLF4J
 * only and runs with any SLF4J backend. The distribution puts Logback beside it at runtime, and
 * only level management needs it. The methods called here ({@code LoggerContext.getLoggerList},
 * {@code Logger.getLevel}, {@code getEffectiveLevel}, {@code setLevel} and
 * {@code Level.toLevel}) are public API of Logback 1.5, the version the distribution ships.
 */
final class LogbackLevels {

    private static final String CONTEXT_CLASS = "ch.qos.logback.classic.LoggerContext";
    private static final String LEVEL_CLASS = "ch.qos.logback.classic.Level";
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final String ROOT = org.slf4j.Logger.ROOT_LOGGER_NAME;

    private final ILoggerFactory context;
    private final Class<?> levelClass;

    private LogbackLevels(ILoggerFactory context, Class<?> levelClass) {
        this.context = context;
        this.levelClass = levelClass;
    }

    /**
     * Returns the levels of SLF4J's current backend.
     *
     * @throws IllegalStateException when that backend is not Logback
     */
    static LogbackLevels require() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!factory.getClass().getName().equals(CONTEXT_CLASS)) {
            throw new IllegalStateException("The logging backend is '" + factory.getClass().getName()
                    + "', not Logback; logger levels can be read and changed only with Logback");
        }
        try {
            return new LogbackLevels(factory, Class.forName(LEVEL_CLASS, true, factory.getClass().getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Logback's class '" + LEVEL_CLASS + "' is missing beside its logger context");
        }
    }

    /** Returns the loggers that have a level of their own, the root logger first. */
    List<LoggerView> configured() {
        List<LoggerView> views = new ArrayList<>();
        for (Object logger : (List<?>) invoke(context, "getLoggerList")) {
            LoggerView view = view(logger);
            if (view.level() != null) {
                views.add(view);
            }
        }
        return views;
    }

    LoggerView level(String name) {
        return view(logger(name));
    }

    /** Sets or, with an empty level or {@code INHERIT}, removes the level of logger {@code name}. */
    LoggerView setLevel(String name, String level) {
        String upper = level.toUpperCase(Locale.ROOT);
        Object logger = logger(name);
        Object value;
        if (upper.isEmpty() || upper.equals("INHERIT")) {
            if (name.equalsIgnoreCase(ROOT)) {
                throw new IllegalArgumentException("The root logger cannot inherit a level; give one of " + LEVELS);
            }
            value = null;
        } else if (LEVELS.contains(upper)) {
            value = invokeStatic("toLevel", upper);
        } else {
            throw new IllegalArgumentException("Level '" + level + "' is not one of " + LEVELS + " or INHERIT");
        }
        invoke(logger, "setLevel", levelClass, value);
        return view(logger);
    }

    private Object logger(String name) {
        return context.getLogger(name.equalsIgnoreCase(ROOT) ? ROOT : name);
    }

    private LoggerView view(Object logger) {
        Object level = invoke(logger, "getLevel");
        Object effective = invoke(logger, "getEffectiveLevel");
        return new LoggerView((String) invoke(logger, "getName"), level == null ? null : level.toString(),
                effective.toString());
    }

    private Object invokeStatic(String method, String argument) {
        try {
            return levelClass.getMethod(method, String.class).invoke(null, argument);
        } catch (ReflectiveOperationException e) {
            throw failure(method, e);
        }
    }

    private static Object invoke(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw failure(method, e);
        }
    }

    private static void invoke(Object target, String method, Class<?> parameter, Object argument) {
        try {
            target.getClass().getMethod(method, parameter).invoke(target, argument);
        } catch (ReflectiveOperationException e) {
            throw failure(method, e);
        }
    }

    private static IllegalStateException failure(String method, ReflectiveOperationException e) {
        Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
        // Message only, like every management failure: a remote client may lack the cause's class.
        return new IllegalStateException("Calling Logback's '" + method + "' failed: " + cause);
    }
}
