package dev.splatlight.viewer.render;

/** What the composite pass shows (viewer/composite.comp's MODE_* constants, in order). */
public enum ViewMode {
    SHADED, ALBEDO, NORMAL, ROUGHNESS, METALLIC, OCCLUSION, INDIRECT, DEPTH, RADIANCE
}
