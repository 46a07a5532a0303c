package dev.tern.server.xml;

import com.ctc.wstx.stax.WstxInputFactory;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StreamErrorCondition;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses the units that {@link StreamScanner} delimits into {@link Element}s with Woodstox.
 *
 * <p>A top-level element uses namespace prefixes declared on the stream header, such as the
 * default namespace {@code jabber:client} or the prefix {@code stream}. Each element is therefore
 * parsed inside a synthetic parent, {@code <w ...>element</w>}, that repeats the header's
 * namespace declarations. The synthetic parent for a given set of declarations is built once and
 * shared between streams.
 */
final class StanzaParser {

    private static final XMLInputFactory FACTORY = createFactory();
    private static final byte[] WRAPPER_END = "</w>".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_CACHED_WRAPPERS = 32;
    private static final Map<Map<String, String>, byte[]> WRAPPERS = new ConcurrentHashMap<>();

    private StanzaParser() {
    }

    /**
     * Returns a Woodstox factory that never reads a DTD or an external entity. Woodstox
     * factories are thread-safe once configured, so one instance serves every stream.
     */
    private static XMLInputFactory createFactory() {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /**
     * Parses the stream header, from its {@code <} to its {@code >}.
     *
     * @throws StreamErrorException {@code invalid-namespace} unless the element is {@code stream}
     *                              in {@link Namespaces#STREAMS}, {@code bad-namespace-prefix} if
     *                              that namespace is the default instead of a prefixed one, and
     *                              {@code not-well-formed} for malformed XML
     */
    static XmlEvent.StreamOpen parseHeader(ByteBuf header) {
        // The header's end tag comes at the end of the stream, so parse it as an empty element.
        int length = header.readableBytes();
        boolean selfClosing = header.getByte(header.readerIndex() + length - 2) == '/';
        byte[] bytes = new byte[selfClosing ? length : length + 1];
        header.getBytes(header.readerIndex(), bytes, 0, length);
        if (!selfClosing) {
            bytes[length - 1] = '/';
            bytes[length] = '>';
        }

        XMLStreamReader reader = createReader(bytes);
        try {
            reader.nextTag();
            String namespace = nullToEmpty(reader.getNamespaceURI());
            if (!namespace.equals(Namespaces.STREAMS) || !reader.getLocalName().equals("stream")) {
                throw new StreamErrorException(StreamErrorCondition.INVALID_NAMESPACE, "The stream header must be "
                        + "<stream> in the namespace '" + Namespaces.STREAMS + "', not <" + reader.getLocalName()
                        + "> in '" + namespace + "'");
            }
            if (nullToEmpty(reader.getPrefix()).isEmpty()) {
                throw new StreamErrorException(StreamErrorCondition.BAD_NAMESPACE_PREFIX, "The stream namespace "
                        + "must be bound to a prefix, as in <stream:stream xmlns:stream='" + Namespaces.STREAMS + "'>");
            }

            Element.Builder element = Element.builder(Namespaces.STREAMS, "stream");
            addAttributes(reader, element);
            Map<String, String> namespaces = new LinkedHashMap<>();
            for (int i = 0; i < reader.getNamespaceCount(); i++) {
                namespaces.put(nullToEmpty(reader.getNamespacePrefix(i)), nullToEmpty(reader.getNamespaceURI(i)));
            }
            return new XmlEvent.StreamOpen(element.build(), namespaces);
        } catch (XMLStreamException e) {
            throw notWellFormed("The stream header", e);
        } catch (IllegalArgumentException e) {
            throw new StreamErrorException(StreamErrorCondition.BAD_FORMAT,
                    "The stream header cannot be processed: " + e.getMessage());
        } finally {
            closeQuietly(reader);
        }
    }

    /**
     * Returns the start tag of the synthetic parent that declares {@code namespaces}, shared
     * between streams with the same declarations.
     */
    static byte[] wrapperStart(Map<String, String> namespaces) {
        byte[] cached = WRAPPERS.get(namespaces);
        if (cached != null) {
            return cached;
        }
        StringBuilder wrapper = new StringBuilder("<w");
        for (Map.Entry<String, String> declaration : namespaces.entrySet()) {
            wrapper.append(declaration.getKey().isEmpty() ? " xmlns" : " xmlns:" + declaration.getKey()).append("=\"");
            appendEscaped(wrapper, declaration.getValue());
            wrapper.append('"');
        }
        byte[] bytes = wrapper.append('>').toString().getBytes(StandardCharsets.UTF_8);
        // A bounded cache: peers that invent declarations get their own copy instead of growing it.
        if (WRAPPERS.size() < MAX_CACHED_WRAPPERS) {
            WRAPPERS.putIfAbsent(Map.copyOf(namespaces), bytes);
        }
        return bytes;
    }

    /**
     * Parses one complete top-level element inside the synthetic parent {@code wrapperStart}.
     *
     * @throws StreamErrorException {@code not-well-formed} for malformed XML such as mismatched
     *                              tags or an undeclared prefix
     */
    static Element parseElement(byte[] wrapperStart, ByteBuf element) {
        int length = element.readableBytes();
        byte[] bytes = new byte[wrapperStart.length + length + WRAPPER_END.length];
        System.arraycopy(wrapperStart, 0, bytes, 0, wrapperStart.length);
        element.getBytes(element.readerIndex(), bytes, wrapperStart.length, length);
        System.arraycopy(WRAPPER_END, 0, bytes, wrapperStart.length + length, WRAPPER_END.length);

        XMLStreamReader reader = createReader(bytes);
        try {
            reader.nextTag();
            return readElement(reader);
        } catch (XMLStreamException e) {
            throw notWellFormed("An element", e);
        } catch (IllegalArgumentException e) {
            throw new StreamErrorException(StreamErrorCondition.BAD_FORMAT,
                    "An element cannot be processed: " + e.getMessage());
        } finally {
            closeQuietly(reader);
        }
    }

    /** Reads the synthetic parent's content, which the scanner guarantees is exactly one element. */
    private static Element readElement(XMLStreamReader reader) throws XMLStreamException {
        Deque<Element.Builder> open = new ArrayDeque<>();
        Element result = null;
        while (true) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Element.Builder builder = Element.builder(nullToEmpty(reader.getNamespaceURI()),
                            reader.getLocalName());
                    addAttributes(reader, builder);
                    open.push(builder);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (open.isEmpty()) {
                        if (result == null) {
                            throw new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED,
                                    "The XML is not well-formed: a top-level element is empty");
                        }
                        return result;
                    }
                    Element finished = open.pop().build();
                    if (open.isEmpty()) {
                        result = finished;
                    } else {
                        open.peek().child(finished);
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.COMMENT,
                     XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.DTD ->
                        throw new StreamErrorException(StreamErrorCondition.RESTRICTED_XML,
                                "Comments, processing instructions, DTDs and entity references are not allowed in XMPP");
                default -> {
                    // START_DOCUMENT and END_DOCUMENT carry nothing for the element.
                }
            }
        }
    }

    private static void addAttributes(XMLStreamReader reader, Element.Builder builder) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            builder.attribute(nullToEmpty(reader.getAttributeNamespace(i)), reader.getAttributeLocalName(i),
                    reader.getAttributeValue(i));
        }
    }

    private static XMLStreamReader createReader(byte[] bytes) {
        try {
            return FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.name());
        } catch (XMLStreamException e) {
            throw notWellFormed("The input", e);
        }
    }

    private static StreamErrorException notWellFormed(String what, XMLStreamException e) {
        // Woodstox appends the location on a second line; it points into the synthetic parent,
        // which would only confuse the peer.
        String message = e.getMessage() == null ? "" : e.getMessage();
        int lineEnd = message.indexOf('\n');
        String detail = lineEnd < 0 ? message : message.substring(0, lineEnd);
        return new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED,
                what + " is not well-formed XML: " + detail.strip());
    }

    private static void closeQuietly(XMLStreamReader reader) {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // Closing only releases Woodstox's buffers, and the input is an in-memory array.
        }
    }

    private static void appendEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
