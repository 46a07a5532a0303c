package dev.tern.hotload.descriptor;

import java.util.regex.Pattern;
import org.jboss.modules.Version;

/**
 * Checks module names and versions. Both become directory names in the repository, so they
 * are restricted to characters that cannot leave the directory or hide in a path.
 */
public final class ModuleVersions {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z]+([._+-][0-9A-Za-z]+)*");
    private static final int MAX_LENGTH = 100;

    private ModuleVersions() {
    }

    /**
     * Returns {@code name} when it is a valid module name: lower-case letters, digits,
     * {@code _} and {@code -}, in dot-separated parts that each start with a letter.
     *
     * @throws DescriptorException otherwise
     */
    public static String requireName(String name) {
        if (name == null || name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
            throw new DescriptorException("Invalid module name '" + name + "': use lower-case letters, digits, '_' "
                    + "and '-' in dot-separated parts that start with a letter, at most " + MAX_LENGTH + " characters");
        }
        return name;
    }

    /**
     * Parses a version such as {@code 1.2.0} or {@code 2.0.0-rc1}: letters and digits
     * separated by single {@code .}, {@code _}, {@code +} or {@code -}.
     *
     * @throws DescriptorException when the text is not such a version
     */
    public static Version parse(String version) {
        if (version == null || version.length() > MAX_LENGTH || !VERSION.matcher(version).matches()) {
            throw new DescriptorException("Invalid version '" + version + "': use letters and digits separated by "
                    + "single '.', '_', '+' or '-', for example 1.2.0 or 2.0.0-rc1");
        }
        return Version.parse(version);
    }
}
