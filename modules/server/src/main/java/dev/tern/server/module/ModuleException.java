package dev.tern.server.module;

/** Starting, replacing or stopping a feature module failed; the message names the module and what stays running. */
public final class ModuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModuleException(String message) {
        super(message);
    }
}
