package dev.splatlight.core.gpu;

/** Where a buffer lives, as VMA usage intents. */
public enum MemoryKind {
    /** GPU-only working memory; filled by kernels, copies or {@link Gpu#submitAndWait} uploads. */
    DEVICE,
    /** Host-written, sequentially (staging for uploads, per-frame uniforms); persistently mapped. */
    UPLOAD,
    /** Host-read (readback of results); persistently mapped, cached. */
    READBACK
}
