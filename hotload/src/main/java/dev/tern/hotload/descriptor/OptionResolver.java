package dev.tern.hotload.descriptor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Turns a descriptor's option declarations and the host's configured text into typed values. */
public final class OptionResolver {

    private OptionResolver() {
    }

    /**
     * Returns every declared option's value: the configured text parsed by its type, else its
     * default.
     *
     * @param configured option name to text, as the host's configuration gives it
     * @throws DescriptorException when a configured option is not declared, a value does not
     *                             parse, or a required option is not configured
     */
    public static Map<String, Object> resolve(ModuleDescriptor descriptor, Map<String, String> configured) {
        Map<String, OptionSpec> declared = new LinkedHashMap<>();
        descriptor.options().forEach(spec -> declared.put(spec.name(), spec));
        for (String name : new TreeSet<>(configured.keySet())) {
            if (!declared.containsKey(name)) {
                throw new DescriptorException("Option '" + name + "' is configured but module " + descriptor.coordinates()
                        + " does not declare it; declared options: " + declared.keySet());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec spec : declared.values()) {
            String text = configured.getOrDefault(spec.name(), spec.defaultValue());
            if (text == null) {
                throw new DescriptorException("Option '" + spec.name() + "' of module " + descriptor.coordinates()
                        + " has no default and is not configured; set it in the module's configuration");
            }
            values.put(spec.name(), spec.type().parse(spec.name(), text));
        }
        return values;
    }
}
