package dev.tern.xmpp.api;

import dev.tern.xmpp.api.InvalidJidException.Part;
import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * An XMPP address ({@code localpart@domainpart/resourcepart}) as defined by RFC 7622.
 *
 * <p>Every instance contains the prepared and enforced form of its parts, so {@link #equals} and
 * {@link #hashCode} compare addresses the way RFC 7622 requires and {@link #toString()} returns
 * the canonical form:
 * <ul>
 *   <li>the localpart is enforced with the PRECIS UsernameCaseMapped profile (RFC 8265), and the
 *       characters {@code " & ' / : < > @} are rejected as RFC 7622 section 3.3.1 requires;</li>
 *   <li>the domainpart loses one trailing dot, is lowercased and converted through IDNA
 *       ({@link IDN#toASCII} with STD3 rules, then {@link IDN#toUnicode}) so that A-labels and
 *       U-labels of the same name compare equal; an IPv6 literal in brackets is also accepted;</li>
 *   <li>the resourcepart is enforced with the PRECIS OpaqueString profile (RFC 8265).</li>
 * </ul>
 * Each part is at most 1023 bytes in UTF-8 after preparation.
 *
 * <p>NOTE: {@link IDN} implements IDNA2003, while RFC 7622 refers to IDNA2008. The two differ
 * for a few code points, such as U+00DF (sharp s), which IDNA2003 maps to "ss".
 */
public final class Jid {

    /** Maximum length of each part in bytes of UTF-8 (RFC 7622 section 3.1). */
    public static final int MAX_PART_BYTES = 1023;

    private static final String LOCALPART_FORBIDDEN = "\"&'/:<>@";

    private final String localpart;
    private final String domainpart;
    private final String resourcepart;
    private int hash;

    private Jid(String localpart, String domainpart, String resourcepart) {
        this.localpart = localpart;
        this.domainpart = domainpart;
        this.resourcepart = resourcepart;
    }

    /**
     * Parses and prepares an address.
     *
     * <p>The string is split as RFC 7622 section 3.1 describes: everything after the first
     * {@code /} is the resourcepart, and everything before the first {@code @} of the rest is
     * the localpart. So {@code a.example.com/b@example.net} has no localpart.
     *
     * @throws InvalidJidException if a part is empty where its separator is present, too long,
     *                             or contains characters its profile rejects
     */
    public static Jid parse(String address) {
        Objects.requireNonNull(address, "address");
        int slash = address.indexOf('/');
        String bareAddress = slash < 0 ? address : address.substring(0, slash);
        String resource = slash < 0 ? null : address.substring(slash + 1);
        int at = bareAddress.indexOf('@');
        String local = at < 0 ? null : bareAddress.substring(0, at);
        String domain = at < 0 ? bareAddress : bareAddress.substring(at + 1);

        return new Jid(
                local == null ? null : prepareLocalpart(local, address),
                prepareDomainpart(domain, address),
                resource == null ? null : prepareResourcepart(resource, address));
    }

    /**
     * Builds an address from separate parts, preparing each.
     *
     * @param localpart    the localpart, or {@code null} for none
     * @param domainpart   the domainpart
     * @param resourcepart the resourcepart, or {@code null} for none
     * @throws InvalidJidException if a part is invalid
     */
    public static Jid of(String localpart, String domainpart, String resourcepart) {
        Objects.requireNonNull(domainpart, "domainpart");
        return new Jid(
                localpart == null ? null : prepareLocalpart(localpart, localpart),
                prepareDomainpart(domainpart, domainpart),
                resourcepart == null ? null : prepareResourcepart(resourcepart, resourcepart));
    }

    /** Returns the prepared localpart, or {@code null} if the address has none. */
    public String localpart() {
        return localpart;
    }

    /** Returns the prepared domainpart; never {@code null}. */
    public String domainpart() {
        return domainpart;
    }

    /** Returns the prepared resourcepart, or {@code null} if the address is bare. */
    public String resourcepart() {
        return resourcepart;
    }

    /** Returns whether the address has no resourcepart. */
    public boolean isBare() {
        return resourcepart == null;
    }

    /** Returns whether the address has a resourcepart. */
    public boolean isFull() {
        return resourcepart != null;
    }

    /** Returns this address without its resourcepart, or this instance if it is already bare. */
    public Jid bare() {
        return resourcepart == null ? this : new Jid(localpart, domainpart, null);
    }

    /** Returns the address of the domain alone, without localpart and resourcepart. */
    public Jid domain() {
        return localpart == null && resourcepart == null ? this : new Jid(null, domainpart, null);
    }

    /**
     * Returns this address with the given resourcepart, which is prepared first; {@code null}
     * returns the bare address.
     *
     * @throws InvalidJidException if the resourcepart is invalid
     */
    public Jid withResource(String resourcepart) {
        if (resourcepart == null) {
            return bare();
        }
        return new Jid(localpart, domainpart, prepareResourcepart(resourcepart, resourcepart));
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Jid that
                && domainpart.equals(that.domainpart)
                && Objects.equals(localpart, that.localpart)
                && Objects.equals(resourcepart, that.resourcepart);
    }

    @Override
    public int hashCode() {
        int result = hash;
        if (result == 0) {
            result = Objects.hash(localpart, domainpart, resourcepart);
            hash = result;
        }
        return result;
    }

    /** Returns the canonical string form, {@code localpart@domainpart/resourcepart} without absent parts. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(domainpart.length() + 32);
        if (localpart != null) {
            out.append(localpart).append('@');
        }
        out.append(domainpart);
        if (resourcepart != null) {
            out.append('/').append(resourcepart);
        }
        return out.toString();
    }

    private static String prepareLocalpart(String local, String input) {
        if (local.isEmpty()) {
            throw new InvalidJidException(Part.LOCALPART, input, "is empty");
        }
        String prepared;
        try {
            prepared = PrecisProfiles.USERNAME_CASE_MAPPED.enforce(local);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException(Part.LOCALPART, input,
                    "fails the PRECIS UsernameCaseMapped profile: " + e.getMessage());
        }
        for (int index = 0; index < prepared.length(); index++) {
            char c = prepared.charAt(index);
            if (LOCALPART_FORBIDDEN.indexOf(c) >= 0) {
                throw new InvalidJidException(Part.LOCALPART, input,
                        "contains the character '" + c + "', which RFC 7622 does not allow in a localpart");
            }
        }
        requireMaxBytes(prepared, Part.LOCALPART, input);
        return prepared;
    }

    private static String prepareDomainpart(String domain, String input) {
        String stripped = isLabelSeparator(domain) ? domain.substring(0, domain.length() - 1) : domain;
        if (stripped.isEmpty()) {
            throw new InvalidJidException(Part.DOMAINPART, input, "is empty");
        }
        if (stripped.charAt(0) == '[') {
            return prepareIpv6Literal(stripped, input);
        }

        String prepared;
        try {
            String ascii = IDN.toASCII(stripped.toLowerCase(Locale.ROOT), IDN.USE_STD3_ASCII_RULES);
            prepared = IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException(Part.DOMAINPART, input, "is not a valid domain name: " + e.getMessage());
        }
        // IDN accepts a final empty label (the DNS root); only one trailing dot may be stripped.
        if (prepared.isEmpty() || prepared.endsWith(".")) {
            throw new InvalidJidException(Part.DOMAINPART, input, "has an empty label");
        }
        requireMaxBytes(prepared, Part.DOMAINPART, input);
        return prepared;
    }

    private static String prepareIpv6Literal(String domain, String input) {
        if (domain.length() < 3 || domain.charAt(domain.length() - 1) != ']') {
            throw new InvalidJidException(Part.DOMAINPART, input, "starts with '[' but is not a bracketed IPv6 address");
        }
        String literal = domain.substring(1, domain.length() - 1);
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException(Part.DOMAINPART, input, "is not a valid IPv6 address literal");
        }
        if (!(address instanceof Inet6Address)) {
            throw new InvalidJidException(Part.DOMAINPART, input,
                    "contains an IPv4 address in brackets; write IPv4 addresses without brackets");
        }
        return "[" + literal.toLowerCase(Locale.ROOT) + "]";
    }

    private static String prepareResourcepart(String resource, String input) {
        if (resource.isEmpty()) {
            throw new InvalidJidException(Part.RESOURCEPART, input, "is empty");
        }
        String prepared;
        try {
            prepared = PrecisProfiles.OPAQUE_STRING.enforce(resource);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException(Part.RESOURCEPART, input,
                    "fails the PRECIS OpaqueString profile: " + e.getMessage());
        }
        requireMaxBytes(prepared, Part.RESOURCEPART, input);
        return prepared;
    }

    /** Returns whether the string ends with one of the dots that IDNA treats as a label separator. */
    private static boolean isLabelSeparator(String domain) {
        if (domain.isEmpty()) {
            return false;
        }
        char last = domain.charAt(domain.length() - 1);
        return last == '.' || last == '\u3002' || last == '\uFF0E' || last == '\uFF61';
    }

    private static void requireMaxBytes(String prepared, Part part, String input) {
        int bytes = utf8Length(prepared);
        if (bytes > MAX_PART_BYTES) {
            throw new InvalidJidException(part, input,
                    "is " + bytes + " bytes long in UTF-8; the maximum is " + MAX_PART_BYTES);
        }
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && index + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(index + 1))) {
                bytes += 4;
                index++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
