package dev.tern.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a process id as typed: {@code <0.42.0>}, {@code 0.42.0} or the serial number {@code 42}. */
final class Pids {

    private static final Pattern PID = Pattern.compile("<?0\\.(\\d{1,18})\\.0>?|(\\d{1,18})");

    private Pids() {
    }

    static long serial(String text) throws ConsoleException {
        Matcher matcher = PID.matcher(text.strip());
        if (!matcher.matches()) {
            throw ConsoleException.usage("Invalid process id '" + text + "'; give it as <0.42.0> or 42, as "
                    + "'processes tree' shows it");
        }
        return Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }
}
