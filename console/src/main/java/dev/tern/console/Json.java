package dev.tern.console;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.jolokia.json.JSONWriter;
import org.jolokia.json.parser.JSONParser;
import org.jolokia.json.parser.ParseException;

/** JSON through Jolokia's own parser and writer, plus an indented form for people. */
final class Json {

    private Json() {
    }

    /** Parses a JSON text into maps, lists, strings, numbers, booleans and nulls. */
    static Object parse(String text) throws ParseException {
        try {
            return new JSONParser().parse(text);
        } catch (IOException e) {
            // A string reader does not fail, so this is a parser bug.
            throw new IllegalStateException("Reading JSON from a string failed", e);
        }
    }

    /** Writes {@code value} as compact JSON. */
    static String write(Object value) {
        StringWriter out = new StringWriter();
        try {
            JSONWriter.serialize(value, out);
        } catch (IOException e) {
            throw new IllegalStateException("Writing JSON to a string failed", e);
        }
        return out.toString();
    }

    /** Writes {@code value} as JSON indented by two spaces, object keys sorted, for reading and diffing. */
    static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        pretty(value, 0, out);
        return out.toString();
    }

    private static void pretty(Object value, int depth, StringBuilder out) {
        switch (value) {
            case Map<?, ?> map when !map.isEmpty() -> {
                out.append("{\n");
                TreeMap<String, Object> sorted = new TreeMap<>();
                map.forEach((key, item) -> sorted.put(String.valueOf(key), item));
                int remaining = sorted.size();
                for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                    indent(depth + 1, out);
                    out.append(write(entry.getKey())).append(": ");
                    pretty(entry.getValue(), depth + 1, out);
                    out.append(--remaining > 0 ? ",\n" : "\n");
                }
                indent(depth, out);
                out.append('}');
            }
            case Collection<?> list when !list.isEmpty() -> {
                out.append("[\n");
                int remaining = list.size();
                for (Object item : list) {
                    indent(depth + 1, out);
                    pretty(item, depth + 1, out);
                    out.append(--remaining > 0 ? ",\n" : "\n");
                }
                indent(depth, out);
                out.append(']');
            }
            case null -> out.append("null");
            default -> out.append(write(value));
        }
    }

    private static void indent(int depth, StringBuilder out) {
        out.append("  ".repeat(depth));
    }
}
