package dev.tern.xmpp.api;

/**
 * Serializes {@link Element} trees, choosing namespace declarations and prefixes.
 *
 * <p>Elements get a default namespace declaration ({@code xmlns='...'}) only where their
 * namespace differs from the one in scope, including {@code xmlns=''} for an unqualified element
 * below a qualified parent. Elements in {@link Namespaces#STREAMS} always use the prefix
 * {@code stream}, which clients expect for {@code <stream:features/>} and
 * {@code <stream:error/>}. Attributes in {@link Namespaces#XML} use the prefix {@code xml};
 * attributes in any other namespace get a prefix {@code nsN} declared on their own element.
 */
final class XmlWriter {

    private static final String STREAM_PREFIX = "stream";

    private XmlWriter() {
    }

    /**
     * Appends {@code element} to {@code out}.
     *
     * @param defaultNamespace   the default namespace in scope where the element is written
     * @param streamPrefixBound  whether the prefix {@code stream} is already bound to {@link Namespaces#STREAMS}
     */
    static void write(Element element, StringBuilder out, String defaultNamespace, boolean streamPrefixBound) {
        String namespace = element.namespace();
        boolean streamElement = namespace.equals(Namespaces.STREAMS);
        String childDefaultNamespace = defaultNamespace;
        boolean childStreamPrefixBound = streamPrefixBound;

        out.append('<');
        if (streamElement) {
            out.append(STREAM_PREFIX).append(':').append(element.name());
            if (!streamPrefixBound) {
                out.append(" xmlns:").append(STREAM_PREFIX).append("=\"");
                XmlSyntax.appendEscapedAttribute(out, Namespaces.STREAMS);
                out.append('"');
                childStreamPrefixBound = true;
            }
        } else {
            out.append(element.name());
            if (!namespace.equals(defaultNamespace)) {
                out.append(" xmlns=\"");
                XmlSyntax.appendEscapedAttribute(out, namespace);
                out.append('"');
                childDefaultNamespace = namespace;
            }
        }

        writeAttributes(element.attributeArray(), out);

        Object[] nodes = element.nodeArray();
        if (nodes.length == 0) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Object node : nodes) {
            if (node instanceof String text) {
                XmlSyntax.appendEscapedText(out, text);
            } else {
                write((Element) node, out, childDefaultNamespace, childStreamPrefixBound);
            }
        }
        out.append("</");
        if (streamElement) {
            out.append(STREAM_PREFIX).append(':');
        }
        out.append(element.name()).append('>');
    }

    private static void writeAttributes(String[] attributes, StringBuilder out) {
        int generatedPrefixes = 0;
        for (int slot = 0; slot < attributes.length; slot += 3) {
            String namespace = attributes[slot];
            out.append(' ');
            if (namespace.equals(Namespaces.XML)) {
                out.append("xml:");
            } else if (!namespace.isEmpty()) {
                // Each qualified attribute declares its own prefix. Stanzas rarely carry more
                // than one, so sharing prefixes between attributes is not worth the bookkeeping.
                String prefix = "ns" + generatedPrefixes++;
                out.append("xmlns:").append(prefix).append("=\"");
                XmlSyntax.appendEscapedAttribute(out, namespace);
                out.append("\" ").append(prefix).append(':');
            }
            out.append(attributes[slot + 1]).append("=\"");
            XmlSyntax.appendEscapedAttribute(out, attributes[slot + 2]);
            out.append('"');
        }
    }
}
