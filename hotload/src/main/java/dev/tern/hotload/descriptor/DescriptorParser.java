package dev.tern.hotload.descriptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a module descriptor: a UTF-8 properties file, {@code META-INF/tern-module.properties}
 * inside the module's jar.
 *
 * <pre>
 * name=echo
 * version=1.2.0
 * entry=org.example.echo.EchoModule
 * api.tern.kernel=[0.1,1)
 * api.tern.hotload=[0.1,1)
 * requires.storage=[1.0,2.0)
 * uses.metrics=*
 * option.greeting.type=string
 * option.greeting.default=hello
 * option.greeting.description=Text sent back before the echo
 * </pre>
 *
 * Unknown keys are errors, so a typo cannot silently drop a dependency or an option.
 */
public final class DescriptorParser {

    /** Where the descriptor sits inside a module jar. */
    public static final String PATH_IN_JAR = "META-INF/tern-module.properties";

    /** Larger descriptors are rejected before parsing: a descriptor is a few hundred bytes. */
    static final int MAX_BYTES = 64 * 1024;

    private static final Pattern OPTION_KEY = Pattern.compile("option\\.([a-z][a-zA-Z0-9_-]*)\\.(type|default|description)");

    private DescriptorParser() {
    }

    /**
     * Parses a descriptor.
     *
     * @param source names the file in error messages
     * @throws DescriptorException when a key is missing, unknown or has an invalid value
     * @throws IOException         when reading fails
     */
    public static ModuleDescriptor parse(InputStream input, String source) throws IOException {
        byte[] bytes = input.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new DescriptorException("Descriptor " + source + " is larger than " + MAX_BYTES + " bytes");
        }
        Properties properties = new Properties();
        properties.load(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        try {
            return parse(properties);
        } catch (DescriptorException e) {
            throw new DescriptorException("Invalid descriptor " + source + ": " + e.getMessage(), e);
        }
    }

    private static ModuleDescriptor parse(Properties properties) {
        Map<String, VersionRange> apis = new LinkedHashMap<>();
        Map<String, VersionRange> requires = new LinkedHashMap<>();
        Map<String, VersionRange> uses = new LinkedHashMap<>();
        Map<String, Map<String, String>> optionKeys = new LinkedHashMap<>();

        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).trim();
            if (key.equals("name") || key.equals("version") || key.equals("entry")) {
                continue;
            }
            if (key.startsWith("api.")) {
                apis.put(requireName(key, "api."), VersionRange.parse(value));
            } else if (key.startsWith("requires.")) {
                requires.put(requireName(key, "requires."), VersionRange.parse(value));
            } else if (key.startsWith("uses.")) {
                uses.put(requireName(key, "uses."), VersionRange.parse(value));
            } else {
                Matcher option = OPTION_KEY.matcher(key);
                if (!option.matches()) {
                    throw new DescriptorException("Unknown key '" + key + "'; known keys are name, version, entry, "
                            + "api.<api module>, requires.<module>, uses.<module> and option.<name>.type|default|description");
                }
                optionKeys.computeIfAbsent(option.group(1), name -> new LinkedHashMap<>()).put(option.group(2), value);
            }
        }

        String name = ModuleVersions.requireName(required(properties, "name"));
        String version = required(properties, "version");
        ModuleVersions.parse(version);
        String entry = required(properties, "entry");
        if (requires.containsKey(name) || uses.containsKey(name)) {
            throw new DescriptorException("Module '" + name + "' lists itself as a dependency");
        }
        for (String both : requires.keySet()) {
            if (uses.containsKey(both)) {
                throw new DescriptorException("Module '" + both + "' is listed under both requires and uses; keep one");
            }
        }
        return new ModuleDescriptor(name, version, entry, apis, requires, uses, options(optionKeys));
    }

    private static List<OptionSpec> options(Map<String, Map<String, String>> optionKeys) {
        List<OptionSpec> options = new ArrayList<>();
        optionKeys.forEach((option, keys) -> {
            String type = keys.get("type");
            if (type == null) {
                throw new DescriptorException("Option '" + option + "' has no option." + option + ".type");
            }
            options.add(new OptionSpec(option, OptionType.named(option, type), keys.get("default"),
                    keys.getOrDefault("description", "")));
        });
        return options;
    }

    private static String requireName(String key, String prefix) {
        return ModuleVersions.requireName(key.substring(prefix.length()));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new DescriptorException("Missing required key '" + key + "'");
        }
        return value.trim();
    }
}
