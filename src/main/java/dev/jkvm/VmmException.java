package dev.jkvm;

/**
 * An error the user can act on: a bad option, a malformed image, a missing /dev/kvm. The CLI prints
 * its message as one line and exits non-zero, without a stack trace.
 */
public class VmmException extends RuntimeException {
    public VmmException(String message) {
        super(message);
    }

    public VmmException(String message, Throwable cause) {
        super(message, cause);
    }
}
