package dev.splatlight.core.light.io;

/** OpenEXR's compression attribute values, with the scanlines each chunk holds. */
enum ExrCompression {
    NONE(1, true), RLE(1, true), ZIPS(1, true), ZIP(16, true), PIZ(32, true), PXR24(16, false), B44(32, false),
    B44A(32, false), DWAA(32, false), DWAB(256, false), HTJ2K256(256, false), HTJ2K32(32, false);

    final int linesPerChunk;
    final boolean supported;

    ExrCompression(int linesPerChunk, boolean supported) {
        this.linesPerChunk = linesPerChunk;
        this.supported = supported;
    }

    static ExrCompression of(int code, String source) {
        if (code < 0 || code >= values().length) {
            throw new HdrFormatException(source + ": unknown OpenEXR compression code " + code);
        }
        return values()[code];
    }
}
