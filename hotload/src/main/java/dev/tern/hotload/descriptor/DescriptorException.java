package dev.tern.hotload.descriptor;

/** A module descriptor is missing, malformed, or names values that are not valid. */
public class DescriptorException extends IllegalArgumentException {

    public DescriptorException(String message) {
        super(message);
    }

    public DescriptorException(String message, Throwable cause) {
        super(message, cause);
    }
}
