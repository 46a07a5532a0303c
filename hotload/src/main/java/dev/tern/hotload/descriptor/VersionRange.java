package dev.tern.hotload.descriptor;

import java.util.Objects;
import org.jboss.modules.Version;

/**
 * A set of acceptable versions in OSGi interval notation: {@code [1.0,2.0)} includes 1.0 and
 * excludes 2.0, {@code (1.0,2.0]} the opposite, {@code [1.0,)} has no upper bound, a bare
 * {@code 1.0} means "1.0 or later", and {@code *} accepts any version. Versions compare as
 * JBoss Modules' {@link Version} does: part by part, numbers numerically.
 */
public final class VersionRange {

    private static final VersionRange ANY = new VersionRange(null, false, null, false, "*");

    private final Version lower;
    private final boolean lowerInclusive;
    private final Version upper;
    private final boolean upperInclusive;
    private final String text;

    private VersionRange(Version lower, boolean lowerInclusive, Version upper, boolean upperInclusive, String text) {
        this.lower = lower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
        this.text = text;
    }

    /** Returns the range that accepts every version. */
    public static VersionRange any() {
        return ANY;
    }

    /**
     * Parses a range.
     *
     * @throws DescriptorException when the text is not a range, names an invalid version, or
     *                             has a lower bound above its upper bound
     */
    public static VersionRange parse(String text) {
        String trimmed = Objects.requireNonNull(text, "text").trim();
        if (trimmed.isEmpty() || trimmed.equals("*")) {
            return ANY;
        }
        char first = trimmed.charAt(0);
        if (first != '[' && first != '(') {
            return new VersionRange(ModuleVersions.parse(trimmed), true, null, false, trimmed);
        }
        char last = trimmed.charAt(trimmed.length() - 1);
        if (last != ']' && last != ')') {
            throw new DescriptorException("Version range '" + text + "' must end with ']' or ')'");
        }
        String body = trimmed.substring(1, trimmed.length() - 1);
        int comma = body.indexOf(',');
        if (comma < 0) {
            throw new DescriptorException("Version range '" + text + "' needs two bounds separated by a comma, "
                    + "for example [1.0,2.0)");
        }
        String lowerText = body.substring(0, comma).trim();
        String upperText = body.substring(comma + 1).trim();
        if (lowerText.isEmpty()) {
            throw new DescriptorException("Version range '" + text + "' has no lower bound; write [0,2.0) for "
                    + "anything below 2.0");
        }
        Version lower = ModuleVersions.parse(lowerText);
        Version upper = upperText.isEmpty() ? null : ModuleVersions.parse(upperText);
        if (upper == null && last == ']') {
            throw new DescriptorException("Version range '" + text + "' has no upper bound, so it must end with ')'");
        }
        if (upper != null) {
            int order = lower.compareTo(upper);
            boolean empty = order > 0 || (order == 0 && (first == '(' || last == ')'));
            if (empty) {
                throw new DescriptorException("Version range '" + text + "' contains no version: its lower bound is "
                        + "not below its upper bound");
            }
        }
        return new VersionRange(lower, first == '[', upper, last == ']', trimmed);
    }

    /** Returns true when {@code version} lies in this range. */
    public boolean includes(Version version) {
        if (lower != null) {
            int order = version.compareTo(lower);
            if (order < 0 || (order == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null) {
            int order = version.compareTo(upper);
            return order < 0 || (order == 0 && upperInclusive);
        }
        return true;
    }

    /** Returns true when {@code version} lies in this range; see {@link ModuleVersions#parse}. */
    public boolean includes(String version) {
        return includes(ModuleVersions.parse(version));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionRange range && range.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Returns the range as written in the descriptor. */
    @Override
    public String toString() {
        return text;
    }
}
