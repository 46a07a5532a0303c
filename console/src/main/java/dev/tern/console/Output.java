package dev.tern.console;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * The destination of a command's result: its text form, or with {@code --json} the reply value
 * as indented JSON and nothing else, so a script can parse standard output.
 */
final class Output {

    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    PrintWriter writer() {
        return out;
    }

    /** Shows {@code value} as JSON, or runs {@code text} to write its text form. */
    void show(Object value, Consumer<PrintWriter> text) {
        if (json) {
            out.println(Json.pretty(value));
        } else {
            text.accept(out);
        }
        out.flush();
    }

    /** Shows a one-line outcome: the line itself, or {@code value} as JSON. */
    void done(Object value, String line) {
        show(value, writer -> writer.println(line));
    }

    /** Writes a progress line in text form only. */
    void progress(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }
}
