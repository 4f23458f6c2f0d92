package dev.splatlight.core.cli;

/** Input a user gave is wrong (file missing, malformed, unsupported); the message names the file and what is wrong. */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
