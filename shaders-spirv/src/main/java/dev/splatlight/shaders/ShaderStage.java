package dev.splatlight.shaders;

/** The pipeline stage of a GLSL program, named by its file extension as glslang expects. */
public enum ShaderStage {
    COMPUTE("comp"),
    VERTEX("vert"),
    FRAGMENT("frag");

    private final String extension;

    ShaderStage(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The stage of a source file such as {@code primitives/radix_sort_count.comp}. */
    public static ShaderStage ofSourcePath(String sourcePath) {
        int dot = sourcePath.lastIndexOf('.');
        String extension = dot < 0 ? "" : sourcePath.substring(dot + 1);
        for (ShaderStage stage : values()) {
            if (stage.extension.equals(extension)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("not a shader program (expected .comp, .vert or .frag): " + sourcePath);
    }
}
