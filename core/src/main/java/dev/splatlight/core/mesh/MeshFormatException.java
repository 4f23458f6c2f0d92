package dev.splatlight.core.mesh;

import dev.splatlight.core.cli.BadInputException;

/** A mesh file cannot be read (missing, unsupported, malformed); the message names the file and the reason. */
public final class MeshFormatException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public MeshFormatException(String message) {
        super(message);
    }
}
