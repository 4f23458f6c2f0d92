package dev.splatlight.trainer.data;

import dev.splatlight.core.cli.BadInputException;

/** A dataset is missing, malformed or unsupported; the message names the file and what is wrong. */
public final class DatasetException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
