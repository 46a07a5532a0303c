package dev.tern.server.xml;

import dev.tern.xmpp.api.StreamErrorCondition;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the optional XML declaration before a stream header, such as
 * {@code <?xml version='1.0' encoding='UTF-8'?>}. XMPP uses XML 1.0 encoded in UTF-8 only
 * (RFC 6120 section 11.6).
 */
final class XmlDeclaration {

    private static final String SPACE = "[ \\t\\r\\n]";
    private static final Pattern DECLARATION = Pattern.compile(
            "<\\?xml" + SPACE + "+version" + SPACE + "*=" + SPACE + "*(?:\"([^\"]*)\"|'([^']*)')"
                    + "(?:" + SPACE + "+encoding" + SPACE + "*=" + SPACE + "*(?:\"([^\"]*)\"|'([^']*)'))?"
                    + "(?:" + SPACE + "+standalone" + SPACE + "*=" + SPACE + "*(?:\"(?:yes|no)\"|'(?:yes|no)'))?"
                    + SPACE + "*\\?>");
    private static final Pattern OTHER_XML_1_VERSION = Pattern.compile("1\\.[0-9]+");

    private XmlDeclaration() {
    }

    /**
     * Checks the declaration in {@code declaration}, from {@code <?} to {@code ?>}.
     *
     * @throws StreamErrorException {@code unsupported-encoding} for an encoding other than UTF-8,
     *                              {@code bad-format} for an XML version other than 1.0, and
     *                              {@code not-well-formed} for malformed syntax
     */
    static void validate(ByteBuf declaration) {
        // Every byte of a valid declaration is ASCII, so ISO-8859-1 decodes it without loss.
        String text = declaration.toString(StandardCharsets.ISO_8859_1);
        Matcher matcher = DECLARATION.matcher(text);
        if (!matcher.matches()) {
            throw new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED,
                    "The XML declaration is malformed; send <?xml version='1.0'?> or no declaration");
        }

        String version = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        if (!version.equals("1.0")) {
            if (OTHER_XML_1_VERSION.matcher(version).matches()) {
                throw new StreamErrorException(StreamErrorCondition.BAD_FORMAT,
                        "XML version '" + version + "' is not supported; XMPP uses XML 1.0");
            }
            throw new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED,
                    "The XML declaration has the invalid version '" + version + "'");
        }

        String encoding = matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new StreamErrorException(StreamErrorCondition.UNSUPPORTED_ENCODING,
                    "The stream declares the encoding '" + encoding + "'; XMPP streams must be UTF-8");
        }
    }
}
