package dev.splatlight.shaders.build;

/** A GLSL program failed to compile; the message names the file and line, as glslang reports them. */
public final class ShaderCompileException extends Exception {
    private static final long serialVersionUID = 1L;

    public ShaderCompileException(String message) {
        super(message);
    }
}
