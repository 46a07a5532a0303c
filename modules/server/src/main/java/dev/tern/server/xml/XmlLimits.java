package dev.tern.server.xml;

/**
 * Limits that {@link XmppStreamDecoder} enforces on every stream header and top-level element
 * before parsing it. Exceeding any of them ends the stream with {@code policy-violation}.
 *
 * @param maxStanzaBytes         maximum size of one top-level element (or the stream header) in
 *                               bytes as received, from its {@code <} to its final {@code >}
 * @param maxDepth               maximum element nesting, counting the top-level element as 1
 * @param maxAttributes          maximum attributes on one element, namespace declarations included
 * @param maxAttributeValueBytes maximum size of one attribute value in bytes as received, before
 *                               references such as {@code &amp;} are resolved
 */
public record XmlLimits(int maxStanzaBytes, int maxDepth, int maxAttributes, int maxAttributeValueBytes) {

    /**
     * Defaults for client streams. The 256 KiB stanza limit is Prosody's default for
     * {@code c2s_stanza_size_limit} (its mod_websocket reads the option with default
     * {@code 1024 * 256}); ejabberd's and MongooseIM's documented c2s default is 65536 bytes,
     * which breaks large avatar and vCard stanzas. The other three limits are far above what
     * real stanzas use and only stop hostile input.
     */
    public static final XmlLimits DEFAULTS = new XmlLimits(256 * 1024, 64, 64, 64 * 1024);

    public XmlLimits {
        requirePositive(maxStanzaBytes, "maxStanzaBytes");
        requirePositive(maxDepth, "maxDepth");
        requirePositive(maxAttributes, "maxAttributes");
        requirePositive(maxAttributeValueBytes, "maxAttributeValueBytes");
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be at least 1");
        }
    }
}
