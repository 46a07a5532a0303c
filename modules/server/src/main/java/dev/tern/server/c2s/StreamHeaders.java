package dev.tern.server.c2s;

import dev.tern.server.xml.StreamErrorException;
import dev.tern.server.xml.XmlEvent;
import dev.tern.xmpp.api.InvalidJidException;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StreamErrorCondition;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Checks the client's stream header and writes the server's (RFC 6120 section 4.7). */
final class StreamHeaders {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StreamHeaders() {
    }

    /**
     * Checks the client's header against the served {@code domain}.
     *
     * @throws StreamErrorException with the condition RFC 6120 section 4.9.3 names for the first problem
     */
    static void check(XmlEvent.StreamOpen open, Jid domain) {
        if (!Namespaces.CLIENT.equals(open.contentNamespace())) {
            throw new StreamErrorException(StreamErrorCondition.INVALID_NAMESPACE, "The content namespace must be '"
                    + Namespaces.CLIENT + "', not '" + open.contentNamespace() + "'");
        }

        String to = open.to();
        if (to == null) {
            throw new StreamErrorException(StreamErrorCondition.HOST_UNKNOWN,
                    "The stream header needs a 'to' address naming the domain '" + domain + "'");
        }
        if (!servesDomain(to, domain)) {
            throw new StreamErrorException(StreamErrorCondition.HOST_UNKNOWN,
                    "This server serves '" + domain + "', not '" + to + "'");
        }

        String version = open.version();
        if (version == null || majorVersion(version) < 1) {
            throw new StreamErrorException(StreamErrorCondition.UNSUPPORTED_VERSION,
                    "This server needs XMPP version 1.0, but the header has version '" + version + "'");
        }
    }

    /** Returns a fresh stream id: 128 random bits in hex, so ids cannot be guessed (RFC 6120 section 4.7.3). */
    static String newStreamId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Returns the server's stream header with the XML declaration. {@code to} echoes the
     * client's valid {@code from}, or is left out.
     */
    static String response(String streamId, String domain, String clientFrom) {
        StringBuilder header = new StringBuilder(256)
                .append("<?xml version='1.0'?><stream:stream xmlns='").append(Namespaces.CLIENT)
                .append("' xmlns:stream='").append(Namespaces.STREAMS)
                .append("' id='").append(streamId)
                .append("' from='");
        appendEscaped(header, domain);
        header.append('\'');
        String to = validJid(clientFrom);
        if (to != null) {
            header.append(" to='");
            appendEscaped(header, to);
            header.append('\'');
        }
        return header.append(" version='1.0' xml:lang='en'>").toString();
    }

    private static boolean servesDomain(String to, Jid domain) {
        try {
            Jid jid = Jid.parse(to);
            return jid.localpart() == null && jid.resourcepart() == null && jid.equals(domain);
        } catch (InvalidJidException e) {
            return false;
        }
    }

    /** Returns the major version of {@code major.minor}, or -1 when the text is no such version. */
    private static int majorVersion(String version) {
        int dot = version.indexOf('.');
        if (dot <= 0 || dot == version.length() - 1) {
            return -1;
        }
        try {
            Integer.parseInt(version.substring(dot + 1));
            return Integer.parseInt(version.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String validJid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Jid.parse(text).toString();
        } catch (InvalidJidException e) {
            return null;
        }
    }

    private static void appendEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append("&apos;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }
}
