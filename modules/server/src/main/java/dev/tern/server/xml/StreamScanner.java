package dev.tern.server.xml;

import dev.tern.xmpp.api.StreamErrorCondition;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.util.Arrays;

/**
 * An incremental tokenizer that finds the boundaries of an XMPP stream's units in raw bytes:
 * the optional XML declaration, the stream header, each complete top-level element and the
 * closing {@code </stream:stream>}.
 *
 * <p>It keeps only a few counters between reads, never the bytes themselves, so a caller can
 * feed it chunks of any size and buffer just the unit in progress. It does not check everything
 * that makes XML well-formed: Woodstox parses each complete unit afterwards. It does check
 * what must be stopped before buffering or parsing:
 * <ul>
 *   <li>invalid UTF-8 and ASCII control characters, as {@code not-well-formed};</li>
 *   <li>the features RFC 6120 section 11.1 forbids (comments, processing instructions other
 *       than the XML declaration, DOCTYPE, and entity references other than the five
 *       predefined ones) as {@code restricted-xml};</li>
 *   <li>the {@link XmlLimits}, as {@code policy-violation};</li>
 *   <li>broken markup that would make the unit boundaries ambiguous, as {@code not-well-formed}.</li>
 * </ul>
 */
final class StreamScanner implements ByteProcessor {

    /** The kind of unit that {@link #scan} completed. */
    enum Token {
        NONE,
        DECLARATION,
        HEADER,
        /** A self-closing header, {@code <stream:stream/>}, which opens and closes the stream at once. */
        EMPTY_HEADER,
        ELEMENT,
        CLOSE
    }

    private enum Mode {
        /** Before the stream header: only whitespace, the XML declaration and the header may come. */
        PROLOG,
        /** Inside the stream. */
        STREAM,
        /** After {@code </stream:stream>}. */
        CLOSED
    }

    private enum State {
        CONTENT,
        BYTE_ORDER_MARK,
        TAG_OPEN,
        START_TAG_NAME,
        IN_START_TAG,
        ATTRIBUTE_VALUE,
        EMPTY_TAG_END,
        END_TAG_NAME,
        END_TAG_SPACE,
        MARKUP_DECLARATION,
        CDATA,
        PI_TARGET,
        PI_BODY,
        REFERENCE_START,
        ENTITY_NAME,
        CHARACTER_REFERENCE_START,
        DECIMAL_REFERENCE,
        HEX_REFERENCE_START,
        HEX_REFERENCE
    }

    private static final byte[] COMMENT_START = {'-', '-'};
    private static final byte[] CDATA_START = {'[', 'C', 'D', 'A', 'T', 'A', '['};
    private static final byte[] DOCTYPE_START = {'D', 'O', 'C', 'T', 'Y', 'P', 'E'};
    private static final byte[] XML_TARGET = {'x', 'm', 'l'};
    private static final int MAX_HEADER_NAME_BYTES = 256;

    private final XmlLimits limits;
    private final Utf8Validator utf8 = new Utf8Validator();

    private Mode mode;
    private State state;
    private State referenceReturnState;
    private int depth;

    private boolean atStreamStart;
    private boolean declarationAllowed;
    private int byteOrderMarkIndex;

    private boolean inToken;
    private int tokenBytes;
    private int tokenStartIndex;
    private Token completedToken;
    private int index;

    private int attributeCount;
    private int attributeValueBytes;
    private int quote;

    private byte[] literal;
    private int literalIndex;
    private int closingBrackets;
    private boolean questionMarkSeen;

    private int entityNameLength;
    private int entityNameBytes;

    private byte[] headerName = new byte[16];
    private int headerNameLength;
    private int endNameLength;
    private boolean endNameMatches;

    StreamScanner(XmlLimits limits) {
        this.limits = limits;
        reset();
    }

    /** Starts over, expecting a new stream header as after a stream restart. */
    void reset() {
        utf8.reset();
        mode = Mode.PROLOG;
        state = State.CONTENT;
        depth = 0;
        atStreamStart = true;
        declarationAllowed = true;
        inToken = false;
        tokenBytes = 0;
        completedToken = Token.NONE;
        headerNameLength = 0;
    }

    /**
     * Scans {@code buffer} from {@code from} (inclusive) to {@code to} (exclusive) and stops after
     * the first unit that completes.
     *
     * @return the index after the completed unit's last byte, or -1 if the bytes ran out first
     * @throws StreamErrorException if the bytes require a stream error; the scanner must then
     *                              not be used again before {@link #reset()}
     */
    int scan(ByteBuf buffer, int from, int to) {
        completedToken = Token.NONE;
        tokenStartIndex = -1;
        index = from;
        int stoppedAt = buffer.forEachByte(from, to - from, this);
        return stoppedAt < 0 ? -1 : stoppedAt + 1;
    }

    /** Returns the unit that the last {@link #scan} completed, or {@link Token#NONE}. */
    Token completedToken() {
        return completedToken;
    }

    /** Returns whether a unit has started and not yet completed. */
    boolean inToken() {
        return inToken;
    }

    /**
     * Returns the index of the first byte of the unit in progress or just completed, if it
     * started during the last {@link #scan}; otherwise -1, because it started in an earlier one.
     */
    int tokenStartIndex() {
        return tokenStartIndex;
    }

    /** Returns whether {@code </stream:stream>} has been scanned. */
    boolean isClosed() {
        return mode == Mode.CLOSED;
    }

    @Override
    public boolean process(byte value) {
        int b = value & 0xFF;
        if (atStreamStart) {
            atStreamStart = false;
            if (b == 0xFE || b == 0xFF) {
                throw error(StreamErrorCondition.UNSUPPORTED_ENCODING,
                        "The stream starts with a UTF-16 byte order mark; XMPP streams must be UTF-8");
            }
            if (b == 0xEF) {
                utf8.accept(b);
                byteOrderMarkIndex = 1;
                state = State.BYTE_ORDER_MARK;
                index++;
                return true;
            }
        }
        utf8.accept(b);
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
            throw notWellFormed(String.format("the control character U+%04X is not allowed in XML", b));
        }
        if (inToken && ++tokenBytes > limits.maxStanzaBytes()) {
            throw policyViolation("an element is larger than " + limits.maxStanzaBytes() + " bytes");
        }

        boolean continueScanning = switch (state) {
            case CONTENT -> content(b);
            case BYTE_ORDER_MARK -> byteOrderMark(b);
            case TAG_OPEN -> tagOpen(b);
            case START_TAG_NAME -> startTagName(b);
            case IN_START_TAG -> inStartTag(b);
            case ATTRIBUTE_VALUE -> attributeValue(b);
            case EMPTY_TAG_END -> emptyTagEnd(b);
            case END_TAG_NAME -> endTagName(b);
            case END_TAG_SPACE -> endTagSpace(b);
            case MARKUP_DECLARATION -> markupDeclaration(b);
            case CDATA -> cdata(b);
            case PI_TARGET -> piTarget(b);
            case PI_BODY -> piBody(b);
            case REFERENCE_START, ENTITY_NAME, CHARACTER_REFERENCE_START, DECIMAL_REFERENCE, HEX_REFERENCE_START,
                 HEX_REFERENCE -> reference(b);
        };
        index++;
        return continueScanning;
    }

    private boolean content(int b) {
        if (depth > 0) {
            if (b == '<') {
                state = State.TAG_OPEN;
            } else if (b == '&') {
                startReference(State.CONTENT);
            }
            return true;
        }
        if (isWhitespace(b) || mode == Mode.CLOSED) {
            return true;
        }
        if (b == '<') {
            inToken = true;
            tokenBytes = 1;
            tokenStartIndex = index;
            state = State.TAG_OPEN;
            return true;
        }
        if (mode == Mode.PROLOG) {
            throw notWellFormed("character data is not allowed before the stream header");
        }
        throw error(StreamErrorCondition.BAD_FORMAT,
                "Character data other than whitespace is not allowed between top-level elements");
    }

    private boolean byteOrderMark(int b) {
        int expected = byteOrderMarkIndex == 1 ? 0xBB : 0xBF;
        if (b != expected) {
            throw notWellFormed("the stream starts with an incomplete byte order mark");
        }
        if (++byteOrderMarkIndex == 3) {
            state = State.CONTENT;
        }
        return true;
    }

    private boolean tagOpen(int b) {
        if (b == '/') {
            if (mode == Mode.PROLOG) {
                throw notWellFormed("an end tag came before the stream header");
            }
            endNameLength = 0;
            endNameMatches = true;
            state = State.END_TAG_NAME;
        } else if (b == '!') {
            literal = null;
            state = State.MARKUP_DECLARATION;
        } else if (b == '?') {
            literalIndex = 0;
            state = State.PI_TARGET;
        } else if (isNameStart(b)) {
            if (mode == Mode.PROLOG) {
                headerNameLength = 0;
                appendHeaderName(b);
            } else if (depth + 1 > limits.maxDepth()) {
                throw policyViolation("elements are nested deeper than " + limits.maxDepth() + " levels");
            }
            attributeCount = 0;
            state = State.START_TAG_NAME;
        } else {
            throw notWellFormed(String.format("'<' is followed by the invalid character 0x%02X", b));
        }
        return true;
    }

    private boolean startTagName(int b) {
        if (isWhitespace(b)) {
            state = State.IN_START_TAG;
        } else if (b == '>') {
            return endStartTag(false);
        } else if (b == '/') {
            state = State.EMPTY_TAG_END;
        } else if (isMarkupDelimiter(b)) {
            throw notWellFormed(String.format("an element name contains the invalid character '%c'", b));
        } else if (mode == Mode.PROLOG) {
            appendHeaderName(b);
        }
        return true;
    }

    private boolean inStartTag(int b) {
        if (b == '"' || b == '\'') {
            if (++attributeCount > limits.maxAttributes()) {
                throw policyViolation("an element has more than " + limits.maxAttributes() + " attributes");
            }
            quote = b;
            attributeValueBytes = 0;
            state = State.ATTRIBUTE_VALUE;
        } else if (b == '>') {
            return endStartTag(false);
        } else if (b == '/') {
            state = State.EMPTY_TAG_END;
        } else if (b == '<' || b == '&') {
            throw notWellFormed(String.format("a start tag contains the invalid character '%c'", b));
        }
        return true;
    }

    private boolean attributeValue(int b) {
        if (b == quote) {
            state = State.IN_START_TAG;
            return true;
        }
        countAttributeValueByte();
        if (b == '<') {
            throw notWellFormed("an attribute value contains '<'; write it as '&lt;'");
        }
        if (b == '&') {
            startReference(State.ATTRIBUTE_VALUE);
        }
        return true;
    }

    private boolean emptyTagEnd(int b) {
        if (b != '>') {
            throw notWellFormed("'/' in a start tag is not followed by '>'");
        }
        return endStartTag(true);
    }

    private boolean endStartTag(boolean empty) {
        state = State.CONTENT;
        if (mode == Mode.PROLOG) {
            mode = empty ? Mode.CLOSED : Mode.STREAM;
            return complete(empty ? Token.EMPTY_HEADER : Token.HEADER);
        }
        if (empty) {
            return depth > 0 || complete(Token.ELEMENT);
        }
        depth++;
        return true;
    }

    private boolean endTagName(int b) {
        if (b == '>') {
            return endEndTag();
        }
        if (isWhitespace(b)) {
            state = State.END_TAG_SPACE;
            return true;
        }
        if (isMarkupDelimiter(b) || b == '/') {
            throw notWellFormed(String.format("an end tag contains the invalid character '%c'", b));
        }
        if (depth == 0) {
            // At the stream level the only end tag allowed is the one of the stream header.
            endNameMatches &= endNameLength < headerNameLength && headerName[endNameLength] == (byte) b;
            endNameLength++;
        }
        return true;
    }

    private boolean endTagSpace(int b) {
        if (b == '>') {
            return endEndTag();
        }
        if (!isWhitespace(b)) {
            throw notWellFormed("an end tag contains characters after its name");
        }
        return true;
    }

    private boolean endEndTag() {
        state = State.CONTENT;
        if (depth == 0) {
            if (!endNameMatches || endNameLength != headerNameLength) {
                throw notWellFormed("the end tag at the stream level does not match the stream header");
            }
            mode = Mode.CLOSED;
            return complete(Token.CLOSE);
        }
        depth--;
        return depth > 0 || complete(Token.ELEMENT);
    }

    private boolean markupDeclaration(int b) {
        if (literal == null) {
            literal = switch (b) {
                case '-' -> COMMENT_START;
                case '[' -> CDATA_START;
                case 'D' -> DOCTYPE_START;
                default -> throw notWellFormed("'<!' does not start a comment, CDATA section or DOCTYPE");
            };
            literalIndex = 1;
            return true;
        }
        if (b != literal[literalIndex]) {
            throw notWellFormed("'<!' does not start a comment, CDATA section or DOCTYPE");
        }
        if (++literalIndex < literal.length) {
            return true;
        }

        if (literal == COMMENT_START) {
            throw error(StreamErrorCondition.RESTRICTED_XML, "XML comments are not allowed in XMPP");
        }
        if (literal == DOCTYPE_START) {
            throw error(StreamErrorCondition.RESTRICTED_XML, "Document type declarations are not allowed in XMPP");
        }
        if (depth == 0) {
            if (mode == Mode.PROLOG) {
                throw notWellFormed("a CDATA section came before the stream header");
            }
            throw error(StreamErrorCondition.BAD_FORMAT, "Character data is not allowed between top-level elements");
        }
        closingBrackets = 0;
        state = State.CDATA;
        return true;
    }

    private boolean cdata(int b) {
        if (b == ']') {
            closingBrackets++;
        } else if (b == '>' && closingBrackets >= 2) {
            state = State.CONTENT;
        } else {
            closingBrackets = 0;
        }
        return true;
    }

    private boolean piTarget(int b) {
        // The XML declaration is the only processing instruction allowed, and only before the header.
        if (mode != Mode.PROLOG || !declarationAllowed) {
            throw error(StreamErrorCondition.RESTRICTED_XML, "Processing instructions are not allowed in XMPP");
        }
        if (literalIndex < XML_TARGET.length) {
            if (b != XML_TARGET[literalIndex++]) {
                throw error(StreamErrorCondition.RESTRICTED_XML, "Processing instructions are not allowed in XMPP");
            }
            return true;
        }
        if (b == '?') {
            throw notWellFormed("the XML declaration has no version");
        }
        if (!isWhitespace(b)) {
            throw error(StreamErrorCondition.RESTRICTED_XML, "Processing instructions are not allowed in XMPP");
        }
        questionMarkSeen = false;
        state = State.PI_BODY;
        return true;
    }

    private boolean piBody(int b) {
        if (b == '>' && questionMarkSeen) {
            state = State.CONTENT;
            declarationAllowed = false;
            return complete(Token.DECLARATION);
        }
        questionMarkSeen = b == '?';
        return true;
    }

    private void startReference(State returnState) {
        referenceReturnState = returnState;
        state = State.REFERENCE_START;
    }

    private boolean reference(int b) {
        if (referenceReturnState == State.ATTRIBUTE_VALUE) {
            countAttributeValueByte();
        }
        switch (state) {
            case REFERENCE_START -> {
                if (b == '#') {
                    state = State.CHARACTER_REFERENCE_START;
                } else if (isNameStart(b)) {
                    entityNameLength = 1;
                    entityNameBytes = b;
                    state = State.ENTITY_NAME;
                } else {
                    throw notWellFormed("'&' does not start a reference; write a literal ampersand as '&amp;'");
                }
            }
            case ENTITY_NAME -> {
                if (b == ';') {
                    if (!isPredefinedEntity()) {
                        throw error(StreamErrorCondition.RESTRICTED_XML, "Entity references other than "
                                + "&lt; &gt; &amp; &quot; and &apos; are not allowed in XMPP");
                    }
                    state = referenceReturnState;
                } else if (isNameStart(b) || isDigit(b) || b == '-' || b == '.') {
                    if (++entityNameLength <= 4) {
                        entityNameBytes = entityNameBytes << 8 | b;
                    }
                } else {
                    throw notWellFormed("an entity reference is not terminated by ';'");
                }
            }
            case CHARACTER_REFERENCE_START -> {
                if (b == 'x') {
                    state = State.HEX_REFERENCE_START;
                } else if (isDigit(b)) {
                    state = State.DECIMAL_REFERENCE;
                } else {
                    throw notWellFormed("'&#' is not followed by a decimal or hexadecimal number");
                }
            }
            case DECIMAL_REFERENCE -> endNumericReference(b, isDigit(b));
            case HEX_REFERENCE_START -> {
                if (!isHexDigit(b)) {
                    throw notWellFormed("'&#x' is not followed by a hexadecimal number");
                }
                state = State.HEX_REFERENCE;
            }
            case HEX_REFERENCE -> endNumericReference(b, isHexDigit(b));
            default -> throw new IllegalStateException("Scanner state " + state + " is not a reference state");
        }
        return true;
    }

    private void endNumericReference(int b, boolean isNumberDigit) {
        if (b == ';') {
            state = referenceReturnState;
        } else if (!isNumberDigit) {
            throw notWellFormed("a character reference is not terminated by ';'");
        }
    }

    private boolean isPredefinedEntity() {
        return switch (entityNameLength) {
            case 2 -> entityNameBytes == ('l' << 8 | 't') || entityNameBytes == ('g' << 8 | 't');
            case 3 -> entityNameBytes == ('a' << 16 | 'm' << 8 | 'p');
            case 4 -> entityNameBytes == ('q' << 24 | 'u' << 16 | 'o' << 8 | 't')
                    || entityNameBytes == ('a' << 24 | 'p' << 16 | 'o' << 8 | 's');
            default -> false;
        };
    }

    private void countAttributeValueByte() {
        if (++attributeValueBytes > limits.maxAttributeValueBytes()) {
            throw policyViolation("an attribute value is longer than " + limits.maxAttributeValueBytes() + " bytes");
        }
    }

    private void appendHeaderName(int b) {
        if (headerNameLength == MAX_HEADER_NAME_BYTES) {
            throw policyViolation("the stream header's name is longer than " + MAX_HEADER_NAME_BYTES + " bytes");
        }
        if (headerNameLength == headerName.length) {
            headerName = Arrays.copyOf(headerName, Math.min(MAX_HEADER_NAME_BYTES, headerName.length * 2));
        }
        headerName[headerNameLength++] = (byte) b;
    }

    private boolean complete(Token token) {
        completedToken = token;
        inToken = false;
        tokenBytes = 0;
        return false;
    }

    private static boolean isWhitespace(int b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Returns whether {@code b} may start an XML name; all non-ASCII bytes pass and Woodstox checks them later. */
    private static boolean isNameStart(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b == ':' || b >= 0x80;
    }

    private static boolean isMarkupDelimiter(int b) {
        return b == '<' || b == '=' || b == '"' || b == '\'' || b == '&';
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isHexDigit(int b) {
        return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static StreamErrorException notWellFormed(String detail) {
        return new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED, "The XML is not well-formed: " + detail);
    }

    private static StreamErrorException policyViolation(String detail) {
        return new StreamErrorException(StreamErrorCondition.POLICY_VIOLATION, "Limit exceeded: " + detail);
    }

    private static StreamErrorException error(StreamErrorCondition condition, String text) {
        return new StreamErrorException(condition, text);
    }
}
