package dev.tern.xmpp.api;

/**
 * Checks of names and character data against the XML 1.0 (fifth edition) productions, and the
 * escaping that {@link Element#toXml()} applies.
 */
final class XmlSyntax {

    private XmlSyntax() {
    }

    /**
     * Throws {@link IllegalArgumentException} unless {@code name} is an NCName: an XML name
     * without a colon, as element local names and attribute local names must be.
     */
    static void requireNcName(String name, String what) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty; an XML name needs at least one character");
        }
        int index = 0;
        while (index < name.length()) {
            int codePoint = name.codePointAt(index);
            boolean valid = index == 0 ? isNameStartChar(codePoint) : isNameChar(codePoint);
            if (!valid || codePoint == ':') {
                throw new IllegalArgumentException(what + " '" + name + "' is not a valid XML name: character U+"
                        + String.format("%04X", codePoint) + " at index " + index + " is not allowed there");
            }
            index += Character.charCount(codePoint);
        }
    }

    /**
     * Throws {@link IllegalArgumentException} unless every code point of {@code text} matches the
     * XML 1.0 {@code Char} production, so that the text can be serialized and parsed back.
     */
    static void requireXmlChars(String text, String what) {
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c >= 0x20 && c < 0xD800) {
                continue;
            }
            if (c == '\t' || c == '\n' || c == '\r' || (c >= 0xE000 && c <= 0xFFFD)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && index + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(index + 1))) {
                index++;
                continue;
            }
            throw new IllegalArgumentException(what + " contains U+" + String.format("%04X", (int) c)
                    + " at index " + index + ", which XML 1.0 does not allow; remove or replace it");
        }
    }

    /**
     * Appends character data escaped for element content. The characters {@code >} and CR are
     * escaped too: the first keeps {@code ]]>} out of the output, the second survives the
     * line-end normalization of the receiving parser.
     */
    static void appendEscapedText(StringBuilder out, String text) {
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }

    /**
     * Appends an attribute value escaped for a double-quoted attribute. Tab, LF and CR become
     * character references because a parser's attribute-value normalization would otherwise turn
     * them into spaces.
     */
    static void appendEscapedAttribute(StringBuilder out, String value) {
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }

    private static boolean isNameStartChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
                || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D)
                || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
                || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
    }

    private static boolean isNameChar(int c) {
        return isNameStartChar(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7
                || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
    }
}
