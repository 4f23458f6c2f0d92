package dev.splatlight.core.light.io;

import java.util.Arrays;

/**
 * The canonical Huffman decoder of OpenEXR's PIZ codec, written from the format's description: a header (min and
 * max symbol, bit count), a run-length-packed table of 6-bit code lengths, then the bit stream, in which the
 * largest symbol is a run-length escape "repeat the previous value n times". Symbols are 16-bit values.
 */
final class ExrHuffman {
    private static final int ENCODE_SIZE = (1 << 16) + 1;
    private static final int DECODE_BITS = 14;
    private static final int DECODE_SIZE = 1 << DECODE_BITS;
    private static final int DECODE_MASK = DECODE_SIZE - 1;
    private static final int SHORT_ZEROCODE_RUN = 59;
    private static final int LONG_ZEROCODE_RUN = 63;
    private static final int SHORTEST_LONG_RUN = 2 + LONG_ZEROCODE_RUN - SHORT_ZEROCODE_RUN;

    private final byte[] in;
    private final String where;
    private int position;
    private long bits;      // bit accumulator; the low bitCount bits are unread
    private int bitCount;

    private ExrHuffman(byte[] in, int position, String where) {
        this.in = in;
        this.position = position;
        this.where = where;
    }

    /** Decodes {@code count} 16-bit symbols from {@code length} bytes at {@code offset}. */
    static short[] decode(byte[] in, int offset, int length, int count, String where) {
        short[] out = new short[count];
        if (length == 0) {
            if (count != 0) {
                throw new HdrFormatException(where + ": PIZ Huffman stream is empty but " + count + " values are expected");
            }
            return out;
        }
        if (length < 20 || offset + length > in.length) {
            throw new HdrFormatException(where + ": PIZ Huffman stream is truncated");
        }
        int minSymbol = readInt(in, offset);
        int maxSymbol = readInt(in, offset + 4);
        int bitLength = readInt(in, offset + 12);
        if (minSymbol < 0 || minSymbol >= ENCODE_SIZE || maxSymbol < 0 || maxSymbol >= ENCODE_SIZE || minSymbol > maxSymbol) {
            throw new HdrFormatException(where + ": invalid PIZ Huffman table size");
        }
        ExrHuffman reader = new ExrHuffman(in, offset + 20, where);
        long[] codes = reader.readCodeTable(minSymbol, maxSymbol, offset + length);
        if (bitLength < 0 || (long) bitLength > 8L * (offset + length - reader.position)) {
            throw new HdrFormatException(where + ": PIZ Huffman bit count exceeds the data");
        }
        DecodeTable table = DecodeTable.build(codes, minSymbol, maxSymbol, where);
        reader.bits = 0;
        reader.bitCount = 0;
        reader.decodeStream(codes, table, bitLength, maxSymbol, out);
        return out;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private long readBits(int n, int limit) {
        while (bitCount < n) {
            if (position >= limit) {
                throw new HdrFormatException(where + ": PIZ Huffman code table is truncated");
            }
            bits = (bits << 8) | (in[position++] & 0xff);
            bitCount += 8;
        }
        bitCount -= n;
        return (bits >>> bitCount) & ((1L << n) - 1);
    }

    /** Code lengths (6 bits each, with zero runs), then canonical codes: entry = code << 6 | length. */
    private long[] readCodeTable(int minSymbol, int maxSymbol, int limit) {
        long[] codes = new long[ENCODE_SIZE];
        for (int symbol = minSymbol; symbol <= maxSymbol; symbol++) {
            int length = (int) readBits(6, limit);
            int zeroRun = 0;
            if (length == LONG_ZEROCODE_RUN) {
                zeroRun = (int) readBits(8, limit) + SHORTEST_LONG_RUN;
            } else if (length >= SHORT_ZEROCODE_RUN) {
                zeroRun = length - SHORT_ZEROCODE_RUN + 2;
            }
            if (zeroRun > 0) {
                if (symbol + zeroRun > maxSymbol + 1) {
                    throw new HdrFormatException(where + ": PIZ Huffman code table is too long");
                }
                symbol += zeroRun - 1; // entries stay 0
            } else {
                codes[symbol] = length;
            }
        }
        assignCanonicalCodes(codes);
        return codes;
    }

    private static void assignCanonicalCodes(long[] codes) {
        long[] countByLength = new long[59];
        for (long length : codes) {
            countByLength[(int) length]++;
        }
        long code = 0;
        for (int length = 58; length > 0; length--) {
            long next = (code + countByLength[length]) >> 1;
            countByLength[length] = code;
            code = next;
        }
        for (int i = 0; i < codes.length; i++) {
            int length = (int) codes[i];
            if (length > 0) {
                codes[i] = length | (countByLength[length]++ << 6);
            }
        }
    }

    /** Primary table of DECODE_BITS-bit prefixes; codes longer than that are listed per prefix and searched. */
    private record DecodeTable(int[] length, int[] symbol, int[][] longSymbols) {
        static DecodeTable build(long[] codes, int minSymbol, int maxSymbol, String where) {
            DecodeTable table = new DecodeTable(new int[DECODE_SIZE], new int[DECODE_SIZE], new int[DECODE_SIZE][]);
            for (int s = minSymbol; s <= maxSymbol; s++) {
                long code = codes[s] >>> 6;
                int length = (int) (codes[s] & 63);
                if ((code >>> length) != 0) {
                    throw new HdrFormatException(where + ": invalid PIZ Huffman table entry");
                }
                if (length > DECODE_BITS) {
                    int prefix = (int) (code >>> (length - DECODE_BITS));
                    if (table.length[prefix] != 0) {
                        throw new HdrFormatException(where + ": invalid PIZ Huffman table entry");
                    }
                    int[] old = table.longSymbols[prefix];
                    int[] grown = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
                    grown[grown.length - 1] = s;
                    table.longSymbols[prefix] = grown;
                } else if (length > 0) {
                    int first = (int) (code << (DECODE_BITS - length));
                    for (int i = first; i < first + (1 << (DECODE_BITS - length)); i++) {
                        if (table.length[i] != 0 || table.longSymbols[i] != null) {
                            throw new HdrFormatException(where + ": invalid PIZ Huffman table entry");
                        }
                        table.length[i] = length;
                        table.symbol[i] = s;
                    }
                }
            }
            return table;
        }
    }

    private int written;

    private void decodeStream(long[] codes, DecodeTable table, int bitLength, int runSymbol, short[] out) {
        int end = position + (bitLength + 7) / 8;
        while (position < end) {
            bits = (bits << 8) | (in[position++] & 0xff);
            bitCount += 8;
            while (bitCount >= DECODE_BITS) {
                int prefix = (int) ((bits >>> (bitCount - DECODE_BITS)) & DECODE_MASK);
                if (table.length[prefix] != 0) {
                    bitCount -= table.length[prefix];
                    emit(table.symbol[prefix], runSymbol, out, end);
                } else {
                    decodeLong(codes, table.longSymbols[prefix], runSymbol, out, end);
                }
            }
        }
        int padding = (8 - bitLength) & 7;
        bits >>>= padding;
        bitCount -= padding;
        while (bitCount > 0) {
            int prefix = (int) ((bits << (DECODE_BITS - bitCount)) & DECODE_MASK);
            if (table.length[prefix] == 0) {
                throw new HdrFormatException(where + ": invalid PIZ Huffman code");
            }
            bitCount -= table.length[prefix];
            emit(table.symbol[prefix], runSymbol, out, end);
        }
        if (written != out.length) {
            throw new HdrFormatException(where + ": PIZ Huffman stream holds " + written + " values, expected " + out.length);
        }
    }

    private void decodeLong(long[] codes, int[] candidates, int runSymbol, short[] out, int end) {
        if (candidates == null) {
            throw new HdrFormatException(where + ": invalid PIZ Huffman code");
        }
        for (int symbol : candidates) {
            int length = (int) (codes[symbol] & 63);
            while (bitCount < length && position < end) {
                bits = (bits << 8) | (in[position++] & 0xff);
                bitCount += 8;
            }
            if (bitCount >= length && (codes[symbol] >>> 6) == ((bits >>> (bitCount - length)) & ((1L << length) - 1))) {
                bitCount -= length;
                emit(symbol, runSymbol, out, end);
                return;
            }
        }
        throw new HdrFormatException(where + ": invalid PIZ Huffman code");
    }

    private void emit(int symbol, int runSymbol, short[] out, int end) {
        if (symbol == runSymbol) {
            if (bitCount < 8) {
                if (position >= end) {
                    throw new HdrFormatException(where + ": PIZ Huffman run is truncated");
                }
                bits = (bits << 8) | (in[position++] & 0xff);
                bitCount += 8;
            }
            bitCount -= 8;
            int run = (int) ((bits >>> bitCount) & 0xff);
            if (written + run > out.length || written == 0) {
                throw new HdrFormatException(where + ": PIZ Huffman run outside the block");
            }
            Arrays.fill(out, written, written + run, out[written - 1]);
            written += run;
        } else {
            if (written >= out.length) {
                throw new HdrFormatException(where + ": PIZ Huffman stream holds more values than the block");
            }
            out[written++] = (short) symbol;
        }
    }
}
