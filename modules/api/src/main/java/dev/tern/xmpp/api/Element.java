package dev.tern.xmpp.api;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable XML element: a namespace-qualified name, attributes, and child elements and text.
 *
 * <p>Each instance contains four references and no per-element map. Attributes are kept in one
 * array of (namespace, local name, value) triples in insertion order, and children in one array
 * of {@code Element} and {@code String} entries, because a server keeps many small elements
 * alive. Lookups scan these arrays, which is faster than hashing for the handful of attributes and
 * children a stanza has.
 *
 * <p>The empty string stands for "no namespace", for the element and for attributes alike.
 * Namespace prefixes are not part of the model: {@link #toXml()} chooses them. Adjacent text is
 * merged and empty text is dropped, so two elements that serialize to the same XML are
 * {@linkplain #equals(Object) equal}. Attribute order does not affect equality.
 *
 * <p>The {@code with*} methods return modified copies and leave this element unchanged.
 */
public final class Element implements Node {

    private static final String[] NO_ATTRIBUTES = new String[0];
    private static final Object[] NO_NODES = new Object[0];

    private final String namespace;
    private final String name;
    private final String[] attributes;
    private final Object[] nodes;

    private Element(String namespace, String name, String[] attributes, Object[] nodes) {
        this.namespace = namespace;
        this.name = name;
        this.attributes = attributes;
        this.nodes = nodes;
    }

    /** Returns an element with no attributes and no children. */
    public static Element of(String namespace, String name) {
        return builder(namespace, name).build();
    }

    /** Starts building an element with the given namespace name ({@code ""} for none) and local name. */
    public static Builder builder(String namespace, String name) {
        return new Builder(namespace, name);
    }

    /** Returns a builder that starts with this element's attributes and children. */
    public Builder toBuilder() {
        Builder builder = new Builder(namespace, name, true);
        builder.attributes = attributes.length == 0 ? NO_ATTRIBUTES : attributes.clone();
        builder.attributeSlots = attributes.length;
        builder.nodes = nodes.length == 0 ? NO_NODES : nodes.clone();
        builder.nodeCount = nodes.length;
        return builder;
    }

    /** Returns the namespace name, or the empty string if the element is in no namespace. */
    public String namespace() {
        return namespace;
    }

    /** Returns the local name, without any prefix. */
    public String name() {
        return name;
    }

    /** Returns whether this element has the given namespace and local name. */
    public boolean is(String namespace, String name) {
        return this.name.equals(name) && this.namespace.equals(namespace);
    }

    /** Returns the value of the unqualified attribute {@code name}, or {@code null} if it is absent. */
    public String attribute(String name) {
        return attribute("", name);
    }

    /** Returns the value of the attribute with the given namespace and local name, or {@code null} if it is absent. */
    public String attribute(String namespace, String name) {
        int slot = findAttribute(attributes, attributes.length, namespace, name);
        return slot < 0 ? null : attributes[slot + 2];
    }

    /** Returns the attributes in the order they were added. */
    public List<Attribute> attributes() {
        List<Attribute> result = new ArrayList<>(attributes.length / 3);
        for (int slot = 0; slot < attributes.length; slot += 3) {
            result.add(new Attribute(attributes[slot], attributes[slot + 1], attributes[slot + 2]));
        }
        return List.copyOf(result);
    }

    /** Returns the children, elements and text, in document order, as an unmodifiable view. */
    public List<Node> nodes() {
        return new AbstractList<>() {
            @Override
            public Node get(int index) {
                Object node = nodes[index];
                return node instanceof String text ? new Text(text) : (Element) node;
            }

            @Override
            public int size() {
                return nodes.length;
            }
        };
    }

    /** Returns the child elements in document order, without the text between them. */
    public List<Element> children() {
        List<Element> result = new ArrayList<>(nodes.length);
        for (Object node : nodes) {
            if (node instanceof Element element) {
                result.add(element);
            }
        }
        return List.copyOf(result);
    }

    /** Returns the child elements with the given namespace and local name, in document order. */
    public List<Element> children(String namespace, String name) {
        List<Element> result = new ArrayList<>(2);
        for (Object node : nodes) {
            if (node instanceof Element element && element.is(namespace, name)) {
                result.add(element);
            }
        }
        return List.copyOf(result);
    }

    /** Returns the first child element with the given namespace and local name, or {@code null} if there is none. */
    public Element child(String namespace, String name) {
        for (Object node : nodes) {
            if (node instanceof Element element && element.is(namespace, name)) {
                return element;
            }
        }
        return null;
    }

    /** Returns the text of the first matching child element, or {@code null} if there is no such child. */
    public String childText(String namespace, String name) {
        Element child = child(namespace, name);
        return child == null ? null : child.text();
    }

    /** Returns the concatenated direct text children, ignoring text inside child elements; empty if there is none. */
    public String text() {
        String single = null;
        StringBuilder joined = null;
        for (Object node : nodes) {
            if (node instanceof String text) {
                if (single == null) {
                    single = text;
                } else {
                    if (joined == null) {
                        joined = new StringBuilder(single);
                    }
                    joined.append(text);
                }
            }
        }
        if (joined != null) {
            return joined.toString();
        }
        return single == null ? "" : single;
    }

    /** Returns whether the element has no children at all. */
    public boolean isEmpty() {
        return nodes.length == 0;
    }

    /** Returns a copy with the unqualified attribute set to {@code value}, replacing any previous value. */
    public Element withAttribute(String name, String value) {
        return withAttribute("", name, value);
    }

    /** Returns a copy with the attribute set to {@code value}, replacing any previous value. */
    public Element withAttribute(String namespace, String name, String value) {
        Objects.requireNonNull(value, "value");
        return toBuilder().attribute(namespace, name, value).build();
    }

    /** Returns a copy without the unqualified attribute {@code name}, or this element if it has no such attribute. */
    public Element withoutAttribute(String name) {
        return withoutAttribute("", name);
    }

    /** Returns a copy without the given attribute, or this element if it has no such attribute. */
    public Element withoutAttribute(String namespace, String name) {
        if (findAttribute(attributes, attributes.length, namespace, name) < 0) {
            return this;
        }
        return toBuilder().removeAttribute(namespace, name).build();
    }

    /** Returns a copy with {@code node} appended after the existing children. */
    public Element withChild(Node node) {
        return toBuilder().node(node).build();
    }

    /** Returns a copy whose children are {@code nodes}, replacing all existing children. */
    public Element withNodes(List<? extends Node> nodes) {
        Builder builder = toBuilder().clearNodes();
        for (Node node : nodes) {
            builder.node(node);
        }
        return builder.build();
    }

    /** Returns a copy whose only child is {@code text}, or no child at all if {@code text} is empty. */
    public Element withText(String text) {
        return toBuilder().clearNodes().text(text).build();
    }

    /** Returns a copy with no children, keeping the attributes. */
    public Element withoutNodes() {
        return nodes.length == 0 ? this : new Element(namespace, name, attributes, NO_NODES);
    }

    /** Returns a copy without the child elements that have the given namespace and local name. */
    public Element withoutChildren(String namespace, String name) {
        Builder builder = toBuilder().clearNodes();
        for (Object node : nodes) {
            if (!(node instanceof Element element && element.is(namespace, name))) {
                builder.addNodeUnchecked(node);
            }
        }
        return builder.build();
    }

    /**
     * Serializes this element as a standalone XML fragment that declares every namespace it uses.
     * Elements in {@link Namespaces#STREAMS} are written with the prefix {@code stream}.
     */
    public String toXml() {
        StringBuilder out = new StringBuilder(64);
        XmlWriter.write(this, out, "", false);
        return out.toString();
    }

    /**
     * Serializes this element as a top-level child of an XMPP stream whose header declared
     * {@code inheritedNamespace} as the default namespace and bound the prefix {@code stream} to
     * {@link Namespaces#STREAMS}. The output omits declarations that the header already made, so a
     * stanza in {@code jabber:client} is written as {@code <message ...>}.
     */
    public String toXml(String inheritedNamespace) {
        StringBuilder out = new StringBuilder(64);
        appendXml(out, inheritedNamespace);
        return out.toString();
    }

    /** Appends the output of {@link #toXml(String)} to {@code out}. */
    public void appendXml(StringBuilder out, String inheritedNamespace) {
        XmlWriter.write(this, out, Objects.requireNonNull(inheritedNamespace, "inheritedNamespace"), true);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Element that)) {
            return false;
        }
        return name.equals(that.name)
                && namespace.equals(that.namespace)
                && sameAttributes(that)
                && Arrays.equals(nodes, that.nodes);
    }

    @Override
    public int hashCode() {
        // A sum keeps the hash independent of attribute order, matching equals.
        int attributeHash = 0;
        for (int slot = 0; slot < attributes.length; slot += 3) {
            attributeHash += Objects.hash(attributes[slot], attributes[slot + 1], attributes[slot + 2]);
        }
        return 31 * (31 * (31 * namespace.hashCode() + name.hashCode()) + attributeHash) + Arrays.hashCode(nodes);
    }

    /** Returns {@link #toXml()}. */
    @Override
    public String toString() {
        return toXml();
    }

    String[] attributeArray() {
        return attributes;
    }

    Object[] nodeArray() {
        return nodes;
    }

    private boolean sameAttributes(Element that) {
        if (attributes.length != that.attributes.length) {
            return false;
        }
        for (int slot = 0; slot < attributes.length; slot += 3) {
            String value = that.attribute(attributes[slot], attributes[slot + 1]);
            if (!attributes[slot + 2].equals(value)) {
                return false;
            }
        }
        return true;
    }

    private static int findAttribute(String[] attributes, int length, String namespace, String name) {
        for (int slot = 0; slot < length; slot += 3) {
            if (attributes[slot + 1].equals(name) && attributes[slot].equals(namespace)) {
                return slot;
            }
        }
        return -1;
    }

    /**
     * Collects the attributes and children of a new {@link Element}. Not thread-safe; each
     * builder produces any number of independent elements.
     */
    public static final class Builder {

        private final String namespace;
        private final String name;
        private String[] attributes = NO_ATTRIBUTES;
        private int attributeSlots;
        private Object[] nodes = NO_NODES;
        private int nodeCount;

        private Builder(String namespace, String name) {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            if (namespace.equals(Namespaces.XML) || namespace.equals(Namespaces.XMLNS)) {
                throw new IllegalArgumentException("Element '" + name + "' cannot be in the reserved namespace '"
                        + namespace + "'; use it only for attributes such as xml:lang");
            }
            XmlSyntax.requireNcName(name, "Element name");
            this.namespace = namespace;
            this.name = name;
        }

        private Builder(String namespace, String name, boolean trusted) {
            this.namespace = namespace;
            this.name = name;
        }

        /** Sets the unqualified attribute {@code name}; a {@code null} value leaves the attribute out. */
        public Builder attribute(String name, String value) {
            return attribute("", name, value);
        }

        /**
         * Sets the attribute with the given namespace ({@code ""} for none) and local name,
         * replacing any previous value; a {@code null} value leaves the attribute out.
         */
        public Builder attribute(String namespace, String name, String value) {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            if (value == null) {
                return this;
            }
            if (namespace.equals(Namespaces.XMLNS) || (namespace.isEmpty() && name.equals("xmlns"))) {
                throw new IllegalArgumentException("Attribute '" + name + "' is a namespace declaration; "
                        + "set the element's namespace instead, and serialization declares it");
            }
            XmlSyntax.requireNcName(name, "Attribute name");
            XmlSyntax.requireXmlChars(value, "Value of attribute '" + name + "'");

            int slot = findAttribute(attributes, attributeSlots, namespace, name);
            if (slot >= 0) {
                attributes[slot + 2] = value;
                return this;
            }
            if (attributeSlots + 3 > attributes.length) {
                attributes = Arrays.copyOf(attributes, Math.max(6, attributes.length * 2));
            }
            attributes[attributeSlots] = namespace;
            attributes[attributeSlots + 1] = name;
            attributes[attributeSlots + 2] = value;
            attributeSlots += 3;
            return this;
        }

        /** Removes the given attribute if it is set. */
        public Builder removeAttribute(String namespace, String name) {
            int slot = findAttribute(attributes, attributeSlots, namespace, name);
            if (slot >= 0) {
                System.arraycopy(attributes, slot + 3, attributes, slot, attributeSlots - slot - 3);
                attributeSlots -= 3;
                Arrays.fill(attributes, attributeSlots, attributeSlots + 3, null);
            }
            return this;
        }

        /** Appends a child element. */
        public Builder child(Element child) {
            addNodeUnchecked(Objects.requireNonNull(child, "child"));
            return this;
        }

        /** Appends a child element or text. */
        public Builder node(Node node) {
            Objects.requireNonNull(node, "node");
            return switch (node) {
                case Element element -> child(element);
                case Text text -> text(text.value());
            };
        }

        /** Appends character data, merging it with text appended just before; empty text is ignored. */
        public Builder text(String text) {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty()) {
                return this;
            }
            XmlSyntax.requireXmlChars(text, "Text of element '" + name + "'");
            addNodeUnchecked(text);
            return this;
        }

        /** Removes all children added so far. */
        public Builder clearNodes() {
            nodes = NO_NODES;
            nodeCount = 0;
            return this;
        }

        /** Returns a new element; the builder can be changed further without affecting it. */
        public Element build() {
            String[] builtAttributes = attributeSlots == 0 ? NO_ATTRIBUTES : Arrays.copyOf(attributes, attributeSlots);
            Object[] builtNodes = nodeCount == 0 ? NO_NODES : Arrays.copyOf(nodes, nodeCount);
            return new Element(namespace, name, builtAttributes, builtNodes);
        }

        private void addNodeUnchecked(Object node) {
            if (node instanceof String text && nodeCount > 0 && nodes[nodeCount - 1] instanceof String previous) {
                nodes[nodeCount - 1] = previous.concat(text);
                return;
            }
            if (nodeCount == nodes.length) {
                nodes = Arrays.copyOf(nodes, Math.max(4, nodes.length * 2));
            }
            nodes[nodeCount++] = node;
        }
    }
}
