package dev.splatlight.core.asset;

import dev.splatlight.core.cli.BadInputException;

/** An asset file is malformed or truncated; the message names the file and the field or byte. */
public final class AssetFormatException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public AssetFormatException(String message) {
        super(message);
    }
}
