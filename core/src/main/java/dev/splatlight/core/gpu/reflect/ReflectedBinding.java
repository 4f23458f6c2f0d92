package dev.splatlight.core.gpu.reflect;

/** One descriptor a shader declares: its GLSL name (the block or variable name), set, binding and kind. */
public record ReflectedBinding(String name, int set, int binding, DescriptorKind kind) {
}
