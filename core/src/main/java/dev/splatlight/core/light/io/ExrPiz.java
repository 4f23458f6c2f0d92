package dev.splatlight.core.light.io;

import java.util.List;

/**
 * OpenEXR's PIZ codec, decoding side: a bitmap of the 16-bit values in use (mapped to a dense range), Huffman-coded
 * values, then Haar-like wavelet decoding of each channel's plane of 16-bit words, then the dense range mapped back.
 * A float channel is two planes of words per sample, a half channel one.
 */
final class ExrPiz {
    private static final int BITMAP_BYTES = (1 << 16) >> 3;

    private ExrPiz() {
    }

    /** Decodes a chunk of {@code lines} scanlines into the uncompressed layout (per line, per channel, LE samples). */
    static byte[] decode(byte[] in, int width, int lines, List<ExrChannel> channels, String where) {
        int wordsPerLine = 0;
        for (ExrChannel channel : channels) {
            wordsPerLine += width * channel.bytesPerSample() / 2;
        }
        int totalWords = wordsPerLine * lines;
        if (in.length < 4) {
            throw new HdrFormatException(where + ": PIZ chunk is truncated");
        }
        int minNonZero = (in[0] & 0xff) | (in[1] & 0xff) << 8;
        int maxNonZero = (in[2] & 0xff) | (in[3] & 0xff) << 8;
        if (maxNonZero >= BITMAP_BYTES) {
            throw new HdrFormatException(where + ": PIZ bitmap range is invalid");
        }
        byte[] bitmap = new byte[BITMAP_BYTES];
        int at = 4;
        if (minNonZero <= maxNonZero) {
            int n = maxNonZero - minNonZero + 1;
            if (at + n + 4 > in.length) {
                throw new HdrFormatException(where + ": PIZ bitmap is truncated");
            }
            System.arraycopy(in, at, bitmap, minNonZero, n);
            at += n;
        }
        if (at + 4 > in.length) {
            throw new HdrFormatException(where + ": PIZ chunk is truncated");
        }
        char[] lut = new char[1 << 16];
        int maxValue = reverseLut(bitmap, lut);
        int length = (in[at] & 0xff) | (in[at + 1] & 0xff) << 8 | (in[at + 2] & 0xff) << 16 | (in[at + 3] & 0xff) << 24;
        at += 4;
        if (length < 0 || at + length > in.length) {
            throw new HdrFormatException(where + ": PIZ Huffman length exceeds the chunk");
        }
        short[] words = ExrHuffman.decode(in, at, length, totalWords, where);

        int start = 0;
        for (ExrChannel channel : channels) {
            int wordsPerSample = channel.bytesPerSample() / 2;
            for (int j = 0; j < wordsPerSample; j++) {
                ExrWavelet.decode(words, start + j, width, wordsPerSample, lines, width * wordsPerSample, maxValue);
            }
            start += width * lines * wordsPerSample;
        }
        for (int i = 0; i < words.length; i++) {
            words[i] = (short) lut[words[i] & 0xffff];
        }
        return interleave(words, width, lines, channels);
    }

    /** Maps dense indices back to the values the bitmap marks (0 always counts); returns the largest index used. */
    private static int reverseLut(byte[] bitmap, char[] lut) {
        int k = 0;
        for (int i = 0; i < (1 << 16); i++) {
            if (i == 0 || (bitmap[i >> 3] & (1 << (i & 7))) != 0) {
                lut[k++] = (char) i;
            }
        }
        return k - 1;
    }

    /** Channel planes (all lines of channel 0, then channel 1, …) back to scanline order, little-endian bytes. */
    private static byte[] interleave(short[] words, int width, int lines, List<ExrChannel> channels) {
        byte[] out = new byte[words.length * 2];
        int[] cursor = new int[channels.size()];
        int start = 0;
        for (int c = 0; c < channels.size(); c++) {
            cursor[c] = start;
            start += width * lines * channels.get(c).bytesPerSample() / 2;
        }
        int o = 0;
        for (int y = 0; y < lines; y++) {
            for (int c = 0; c < channels.size(); c++) {
                int n = width * channels.get(c).bytesPerSample() / 2;
                for (int i = 0; i < n; i++) {
                    short w = words[cursor[c]++];
                    out[o++] = (byte) w;
                    out[o++] = (byte) (w >> 8);
                }
            }
        }
        return out;
    }
}
