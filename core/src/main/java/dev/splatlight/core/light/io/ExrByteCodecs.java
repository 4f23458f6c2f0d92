package dev.splatlight.core.light.io;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * OpenEXR's byte-oriented codecs: RLE and ZIP/ZIPS. Both store the block after a delta predictor and with its bytes
 * split into even- and odd-indexed halves; decoding inflates, then undoes the predictor, then re-interleaves.
 */
final class ExrByteCodecs {
    private ExrByteCodecs() {
    }

    static byte[] unzip(byte[] compressed, int expected, String where) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected && !inflater.finished()) {
                int got = inflater.inflate(out, n, expected - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != expected) {
                throw new HdrFormatException(where + ": ZIP data inflates to " + n + " bytes, expected " + expected);
            }
            return reorder(predict(out));
        } catch (DataFormatException e) {
            throw new HdrFormatException(where + ": corrupt ZIP data (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    /** Run-length: a signed count byte; negative: −count literal bytes follow, else one byte repeated count+1 times. */
    static byte[] unRle(byte[] compressed, int expected, String where) {
        byte[] out = new byte[expected];
        int in = 0, n = 0;
        while (in < compressed.length) {
            int count = compressed[in++];
            if (count < 0) {
                if (n - count > expected || in - count > compressed.length) {
                    throw new HdrFormatException(where + ": RLE literal run overflows the block");
                }
                System.arraycopy(compressed, in, out, n, -count);
                in -= count;
                n -= count;
            } else {
                if (n + count + 1 > expected || in >= compressed.length) {
                    throw new HdrFormatException(where + ": RLE repeat run overflows the block");
                }
                java.util.Arrays.fill(out, n, n + count + 1, compressed[in++]);
                n += count + 1;
            }
        }
        if (n != expected) {
            throw new HdrFormatException(where + ": RLE data decodes to " + n + " bytes, expected " + expected);
        }
        return reorder(predict(out));
    }

    private static byte[] predict(byte[] data) {
        for (int i = 1; i < data.length; i++) {
            data[i] = (byte) (data[i - 1] + data[i] - 128);
        }
        return data;
    }

    /** Output byte 2i comes from the first half, byte 2i+1 from the second half. */
    private static byte[] reorder(byte[] data) {
        byte[] out = new byte[data.length];
        int half = (data.length + 1) / 2;
        for (int i = 0; i < data.length; i++) {
            out[i] = (i & 1) == 0 ? data[i >> 1] : data[half + (i >> 1)];
        }
        return out;
    }
}
