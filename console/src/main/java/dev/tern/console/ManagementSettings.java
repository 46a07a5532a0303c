package dev.tern.console;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The address of the server's management endpoint and the location of its password, read from
 * the server's configuration file with the server's defaults. Relative paths resolve against the
 * file's folder, as the server resolves them.
 *
 * @param passwordFile the file the server writes the generated management password to
 */
record ManagementSettings(URI url, String user, Path passwordFile) {

    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    static final int DEFAULT_PORT = 8778;
    static final String DEFAULT_USER = "admin";

    /**
     * Reads {@code configFile}, or takes the defaults when it is null or does not exist.
     *
     * @throws ConsoleException when the file exists but cannot be read or has an invalid port
     */
    static ManagementSettings load(Path configFile) throws ConsoleException {
        Properties properties = new Properties();
        Path base = Path.of("").toAbsolutePath();
        if (configFile != null && Files.exists(configFile)) {
            base = configFile.toAbsolutePath().getParent();
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw ConsoleException.usage("Cannot read the configuration '" + configFile + "': " + e.getMessage()
                        + "; pass --url and --password-file instead");
            }
        }

        String address = properties.getProperty("management.bind_address", DEFAULT_BIND_ADDRESS).strip();
        String portText = properties.getProperty("management.port", Integer.toString(DEFAULT_PORT)).strip();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw ConsoleException.usage("Invalid management.port '" + portText + "' in '" + configFile
                    + "'; pass --url instead");
        }
        // A wildcard bind address is reached on loopback, the address the console should use anyway.
        String host = switch (address) {
            case "0.0.0.0", "" -> DEFAULT_BIND_ADDRESS;
            case "::", "[::]" -> "[::1]";
            default -> address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
        };
        URI url = URI.create("http://" + host + ":" + port + "/jolokia/");

        Path dataDirectory = base.resolve(properties.getProperty("data.dir", "./data").strip()).normalize();
        String passwordFile = properties.getProperty("management.password_file");
        Path password = passwordFile == null ? dataDirectory.resolve("management.password")
                : base.resolve(passwordFile.strip()).normalize();
        return new ManagementSettings(url, properties.getProperty("management.user", DEFAULT_USER).strip(), password);
    }

    /** Returns the first line of {@code file}, the form the server writes. */
    static char[] readPassword(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip().toCharArray();
    }
}
