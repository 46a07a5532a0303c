package dev.tern.server.tls;

/** The TLS certificate or key could not be loaded, generated or used. The server must not start. */
public final class TlsConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TlsConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    public TlsConfigurationException(String message) {
        super(message);
    }
}
