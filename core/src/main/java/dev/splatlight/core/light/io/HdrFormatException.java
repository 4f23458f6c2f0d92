package dev.splatlight.core.light.io;

import dev.splatlight.core.cli.BadInputException;

/** An HDRI file is missing, truncated, malformed or in an unsupported variant; the message names the file. */
public final class HdrFormatException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public HdrFormatException(String message) {
        super(message);
    }
}
