package dev.tern.sint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends java.util.logging, which Smack and its framework log through, to a file. On the console
 * the framework prints a stack trace for every failed test; the report has each failure's cause,
 * and the file keeps the traces.
 */
final class FrameworkLog {

    private FrameworkLog() {
    }

    static void redirectTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        FileHandler fileHandler = new FileHandler(file.toString(), false);
        fileHandler.setFormatter(new SimpleFormatter());
        root.addHandler(fileHandler);
        root.setLevel(Level.INFO);
    }
}
