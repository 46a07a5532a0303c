package dev.tern.hotload;

/** A module operation (install, start, stop, upgrade, rollback) failed; the message names the problem and what to do. */
public class ModuleException extends RuntimeException {

    public ModuleException(String message) {
        super(message);
    }

    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
