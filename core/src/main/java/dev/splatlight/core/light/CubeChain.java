package dev.splatlight.core.light;

/**
 * Layout of a cubemap mip chain in one buffer (GLSL twin: include/light/cubemap.glsl): level i has six faces of
 * (baseSize >> i)² texels, faces +X, −X, +Y, −Y, +Z, −Z, rows top to bottom, RGB f32 per texel, levels back to back.
 *
 * @param baseSize face size of level 0 (a power of two)
 * @param levels   levels down to and including the smallest
 */
public record CubeChain(int baseSize, int levels) {
    /** design.md §2: environments are averaged down to 16² faces. */
    public static final int SMALLEST_SIZE = 16;

    public CubeChain {
        if (baseSize <= 0 || Integer.bitCount(baseSize) != 1 || levels < 2 || (baseSize >> (levels - 1)) < 1) {
            throw new IllegalArgumentException("cube chain needs a power-of-two base and at least 2 levels, got base "
                    + baseSize + " with " + levels + " levels");
        }
    }

    /** The chain from {@code baseSize} down to faces of {@code smallestSize}² (both powers of two). */
    public static CubeChain downTo(int baseSize, int smallestSize) {
        if (Integer.bitCount(smallestSize) != 1 || smallestSize > baseSize / 2) {
            throw new IllegalArgumentException("cube chain from " + baseSize + " down to " + smallestSize
                    + ": both must be powers of two, the smallest at most half the base");
        }
        return new CubeChain(baseSize, Integer.numberOfTrailingZeros(baseSize / smallestSize) + 1);
    }

    /** The standard chain of design.md §2: down to 16². */
    public static CubeChain standard(int baseSize) {
        return downTo(baseSize, SMALLEST_SIZE);
    }

    public int size(int level) {
        return baseSize >> level;
    }

    /** Texels before {@code level}. */
    public int levelOffset(int level) {
        int offset = 0;
        for (int i = 0; i < level; i++) {
            offset += 6 * size(i) * size(i);
        }
        return offset;
    }

    public int levelTexels(int level) {
        return 6 * size(level) * size(level);
    }

    public int texels() {
        return levelOffset(levels);
    }

    public int smallestSize() {
        return size(levels - 1);
    }

    /** Bytes of a buffer holding the whole chain as RGB f32. */
    public long bytes() {
        return 12L * texels();
    }
}
