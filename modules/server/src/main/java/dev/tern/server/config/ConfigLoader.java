package dev.tern.server.config;

import dev.tern.hotload.descriptor.DescriptorException;
import dev.tern.hotload.descriptor.ModuleVersions;
import dev.tern.server.auth.CredentialPolicy;
import dev.tern.server.auth.sasl.LoginThrottle;
import dev.tern.server.xml.XmlLimits;
import dev.tern.xmpp.api.InvalidJidException;
import dev.tern.xmpp.api.Jid;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a {@link ServerConfig} from a Java properties file. Every key is optional and has a
 * default; an unknown key or an invalid value fails with a {@link ConfigException} that names
 * the key, the value and the fix.
 *
 * <p>Durations take a unit: {@code 250ms}, {@code 30s}, {@code 5m} or {@code 1h}. Sizes are
 * whole bytes.
 */
public final class ConfigLoader {

    static final String DEFAULT_DOMAIN = "localhost";

    private static final String MODULE_PREFIX = "modules.";

    private final Properties properties;
    private final Path baseDirectory;
    private final Set<String> read = new TreeSet<>();

    private ConfigLoader(Properties properties, Path baseDirectory) {
        this.properties = properties;
        this.baseDirectory = baseDirectory;
    }

    /** Loads {@code file}; relative paths in it resolve against the file's folder. */
    public static ServerConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Reading configuration file '" + file.toAbsolutePath() + "' failed: "
                    + e.getMessage() + "; check that it exists and is readable", e);
        }
        Path folder = file.toAbsolutePath().getParent();
        return fromProperties(properties, folder);
    }

    /** Builds the configuration from {@code properties}; relative paths resolve against {@code baseDirectory}. */
    public static ServerConfig fromProperties(Properties properties, Path baseDirectory) {
        return new ConfigLoader(properties, baseDirectory).build();
    }

    private ServerConfig build() {
        String domain = domain();
        Path dataDirectory = path("data.dir", "./data");

        int port = port("c2s.port", 5222, false);
        int directTlsPort = port("c2s.direct_tls.port", 5223, true);
        ServerConfig.C2s c2s = new ServerConfig.C2s(
                text("c2s.bind_address", "0.0.0.0"),
                port,
                directTlsPort,
                longInRange("c2s.max_outgoing_queue_bytes", 1024 * 1024, 4096, Integer.MAX_VALUE),
                longInRange("c2s.rate_limit.bytes_per_second", 256 * 1024, 1024, Long.MAX_VALUE),
                longInRange("c2s.rate_limit.burst_bytes", 1024 * 1024, 1024, Long.MAX_VALUE),
                duration("c2s.negotiation_timeout", "60s"),
                duration("c2s.ping_interval", "4m"),
                duration("c2s.idle_timeout", "5m"),
                duration("c2s.close_timeout", "5s"),
                conflictPolicy());

        Path chain = optionalPath("tls.certificate_chain_file");
        Path key = optionalPath("tls.private_key_file");
        ServerConfig.Tls tls = new ServerConfig.Tls(bool("tls.required", true),
                bool("tls.allow_plain_without_tls", false), chain, key);

        int iterations = (int) longInRange("auth.scram_iterations", CredentialPolicy.DEFAULT_ITERATIONS,
                CredentialPolicy.MIN_ITERATIONS, 10_000_000);
        ServerConfig.Auth auth = new ServerConfig.Auth(iterations, throttle());

        XmlLimits limits = xmlLimits();
        ServerConfig.Modules modules = modules();
        ServerConfig.Management management = management(dataDirectory);
        rejectUnknownKeys();
        return new ServerConfig(domain, dataDirectory, c2s, tls, auth, limits, modules, management);
    }

    /**
     * Reads {@code modules.repository}, {@code modules.enabled} and the per-module keys
     * {@code modules.<name>.version} and {@code modules.<name>.<option>}. Option names contain
     * no dot, so the last dot separates a module name from an option. Hotload checks each option
     * against the module's descriptor when the module loads.
     */
    private ServerConfig.Modules modules() {
        Path repository = path("modules.repository", "../modules");
        List<String> enabled = moduleList("modules.enabled");
        Map<String, String> versions = new TreeMap<>();
        Map<String, Map<String, String>> options = new TreeMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!key.startsWith(MODULE_PREFIX) || key.equals("modules.repository") || key.equals("modules.enabled")) {
                continue;
            }
            String rest = key.substring(MODULE_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw invalid(key, properties.getProperty(key), "the key names no module option; write "
                        + "modules.<name>.version or modules.<name>.<option>, for example modules.roster.version");
            }
            String module = moduleName(key, rest.substring(0, dot));
            String option = rest.substring(dot + 1);
            String value = raw(key);
            if (option.equals("version")) {
                versions.put(module, moduleVersion(key, value));
            } else {
                options.computeIfAbsent(module, name -> new TreeMap<>()).put(option, value);
            }
        }
        return new ServerConfig.Modules(repository, enabled, versions, options);
    }

    private List<String> moduleList(String key) {
        String value = raw(key);
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String name = moduleName(key, part.trim());
            if (!names.add(name)) {
                throw invalid(key, value, "list module '" + name + "' once");
            }
        }
        return List.copyOf(names);
    }

    private static String moduleName(String key, String name) {
        try {
            return ModuleVersions.requireName(name);
        } catch (DescriptorException e) {
            throw new ConfigException("Configuration key '" + key + "': " + e.getMessage(), e);
        }
    }

    private static String moduleVersion(String key, String version) {
        try {
            ModuleVersions.parse(version);
            return version;
        } catch (DescriptorException e) {
            throw new ConfigException("Configuration key '" + key + "': " + e.getMessage(), e);
        }
    }

    private ServerConfig.Management management(Path dataDirectory) {
        String user = text("management.user", ServerConfig.Management.DEFAULT_USER);
        if (user.contains(":")) {
            throw invalid("management.user", user, "use a user name without ':', which HTTP Basic authentication "
                    + "uses as the separator");
        }
        Path passwordFile = optionalPath("management.password_file");
        return new ServerConfig.Management(
                text("management.bind_address", "127.0.0.1"),
                port("management.port", ServerConfig.Management.DEFAULT_PORT, true),
                user,
                passwordFile != null ? passwordFile
                        : dataDirectory.resolve(ServerConfig.Management.DEFAULT_PASSWORD_FILE));
    }

    private String domain() {
        String value = text("domain", DEFAULT_DOMAIN);
        try {
            Jid jid = Jid.parse(value);
            if (jid.localpart() != null || jid.resourcepart() != null) {
                throw new ConfigException("domain is '" + value + "', but must be a bare domain such as "
                        + "'example.com' with no '@' or '/'; fix the value of 'domain'");
            }
            return jid.domainpart();
        } catch (InvalidJidException e) {
            throw new ConfigException("domain is '" + value + "', which is not a valid XMPP domain: "
                    + e.getMessage() + "; set 'domain' to a DNS name such as 'example.com'", e);
        }
    }

    private ConflictPolicy conflictPolicy() {
        String value = text("c2s.resource_conflict", "kick_old");
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "kick_old" -> ConflictPolicy.KICK_OLD;
            case "reject_new" -> ConflictPolicy.REJECT_NEW;
            default -> throw invalid("c2s.resource_conflict", value, "use 'kick_old' or 'reject_new'");
        };
    }

    private LoginThrottle.Settings throttle() {
        LoginThrottle.Settings defaults = LoginThrottle.Settings.defaults();
        int maxPerConnection = (int) longInRange("auth.throttle.max_failures_per_connection",
                defaults.maxFailuresPerConnection(), 1, 1000);
        int freePerAccount = (int) longInRange("auth.throttle.free_failures_per_account",
                defaults.freeFailuresPerAccount(), 0, 1000);
        Duration baseDelay = duration("auth.throttle.base_delay", "1s");
        Duration maxDelay = duration("auth.throttle.max_delay", "60s");
        Duration forgetAfter = duration("auth.throttle.forget_after", "15m");
        int maxTracked = (int) longInRange("auth.throttle.max_tracked_accounts", defaults.maxTrackedAccounts(), 1,
                10_000_000);
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new ConfigException("auth.throttle.max_delay is " + maxDelay + ", shorter than "
                    + "auth.throttle.base_delay (" + baseDelay + "); make max_delay at least base_delay");
        }
        return new LoginThrottle.Settings(maxPerConnection, freePerAccount, baseDelay, maxDelay, forgetAfter,
                maxTracked);
    }

    private XmlLimits xmlLimits() {
        XmlLimits defaults = XmlLimits.DEFAULTS;
        return new XmlLimits(
                (int) longInRange("xml.max_stanza_bytes", defaults.maxStanzaBytes(), 1024, 64 * 1024 * 1024),
                (int) longInRange("xml.max_depth", defaults.maxDepth(), 2, 10_000),
                (int) longInRange("xml.max_attributes", defaults.maxAttributes(), 4, 10_000),
                (int) longInRange("xml.max_attribute_value_bytes", defaults.maxAttributeValueBytes(), 64,
                        64 * 1024 * 1024));
    }

    // ---------------------------------------------------------------- typed values

    private String raw(String key) {
        read.add(key);
        String value = properties.getProperty(key);
        return value == null ? null : value.trim();
    }

    private String text(String key, String defaultValue) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (value.isEmpty()) {
            throw invalid(key, value, "remove the key to use the default '" + defaultValue + "', or give a value");
        }
        return value;
    }

    private boolean bool(String key, boolean defaultValue) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value, "use 'true' or 'false'");
        };
    }

    private long longInRange(String key, long defaultValue, long min, long max) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid(key, value, "use a whole number between " + min + " and " + max);
        }
        if (parsed < min || parsed > max) {
            throw invalid(key, value, "use a whole number between " + min + " and " + max);
        }
        return parsed;
    }

    private int port(String key, int defaultValue, boolean mayBeDisabled) {
        long min = mayBeDisabled ? -1 : 0;
        String fix = mayBeDisabled ? "use a TCP port from 0 (ephemeral) to 65535, or -1 to disable the listener"
                : "use a TCP port from 0 (ephemeral) to 65535";
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= 65535) {
                return (int) parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the fix.
        }
        throw invalid(key, value, fix);
    }

    private Duration duration(String key, String defaultValue) {
        String value = raw(key);
        String text = value == null ? defaultValue : value;
        Duration parsed = parseDuration(text);
        if (parsed == null || !parsed.isPositive()) {
            throw invalid(key, text, "use a positive number with a unit: ms, s, m or h, such as '30s'");
        }
        return parsed;
    }

    /** Returns the duration of text such as {@code 30s}, or null when it is not one. */
    static Duration parseDuration(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < lower.length() && Character.isDigit(lower.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0 || unitStart > 12) {
            return null;
        }
        long amount = Long.parseLong(lower.substring(0, unitStart));
        return switch (lower.substring(unitStart)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> null;
        };
    }

    private Path path(String key, String defaultValue) {
        return baseDirectory.resolve(text(key, defaultValue)).normalize();
    }

    private Path optionalPath(String key) {
        String value = raw(key);
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            throw invalid(key, value, "give a file path, or remove the key");
        }
        return baseDirectory.resolve(value).normalize();
    }

    private void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new ConfigException("Unknown configuration keys " + unknown + "; check their spelling against "
                    + "the known keys " + read);
        }
    }

    private static ConfigException invalid(String key, String value, String fix) {
        return new ConfigException("Configuration key '" + key + "' has the invalid value '" + value + "'; " + fix);
    }
}
