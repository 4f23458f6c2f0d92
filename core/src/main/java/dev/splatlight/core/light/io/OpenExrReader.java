package dev.splatlight.core.light.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenEXR reader for single-part scanline files with R, G, B (and optionally A, ignored) channels of half, float or
 * uint samples, compressed with NONE, RLE, ZIPS, ZIP or PIZ. Written from the published file layout (no maintained
 * Java decoder exists). Tiled, deep and multi-part files and the lossy codecs (PXR24, B44, DWA) are refused in one
 * line that names what the file uses.
 */
public final class OpenExrReader {
    private static final int MAGIC = 20000630;
    private static final int TILED = 0x200;
    private static final int NON_IMAGE = 0x800;
    private static final int MULTI_PART = 0x1000;
    private static final long MAX_PIXELS = 1L << 28;

    private OpenExrReader() {
    }

    public static HdrImage read(Path file) {
        return decode(HdrImageReader.readAll(file), file.toString());
    }

    static boolean hasMagic(byte[] bytes) {
        return bytes.length >= 4 && ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == MAGIC;
    }

    /** The parts of the header this reader needs. */
    private record Header(List<ExrChannel> channels, ExrCompression compression, int minX, int minY, int width, int height) {
    }

    static HdrImage decode(byte[] bytes, String source) {
        if (!hasMagic(bytes)) {
            throw new HdrFormatException(source + ": not an OpenEXR file (bad magic number)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            in.position(4);
            int version = in.getInt();
            if ((version & MULTI_PART) != 0) {
                throw new HdrFormatException(source + ": multi-part OpenEXR files are not supported (save a single part)");
            }
            if ((version & NON_IMAGE) != 0) {
                throw new HdrFormatException(source + ": deep OpenEXR files are not supported");
            }
            if ((version & TILED) != 0) {
                throw new HdrFormatException(source + ": tiled OpenEXR files are not supported (save as scanlines)");
            }
            Header header = readHeader(in, source);
            return readPixels(in, header, source);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new HdrFormatException(source + ": truncated OpenEXR file (" + bytes.length + " bytes)");
        }
    }

    private static Header readHeader(ByteBuffer in, String source) {
        List<ExrChannel> channels = null;
        ExrCompression compression = null;
        int[] dataWindow = null;
        while (true) {
            String name = readString(in, source);
            if (name.isEmpty()) {
                break;
            }
            String type = readString(in, source);
            int size = in.getInt();
            if (size < 0 || size > in.remaining()) {
                throw new HdrFormatException(source + ": OpenEXR attribute '" + printable(name) + "' claims " + size + " bytes, past the end of the file");
            }
            int end = in.position() + size;
            switch (name) {
                case "channels" -> channels = readChannels(in, end, source);
                case "compression" -> compression = ExrCompression.of(in.get() & 0xff, source);
                case "dataWindow" -> dataWindow = new int[] {in.getInt(), in.getInt(), in.getInt(), in.getInt()};
                case "type" -> checkPartType(in, end, source);
                default -> { }
            }
            in.position(end);
        }
        if (channels == null || compression == null || dataWindow == null) {
            throw new HdrFormatException(source + ": OpenEXR header lacks "
                    + (channels == null ? "'channels'" : compression == null ? "'compression'" : "'dataWindow'"));
        }
        long width = (long) dataWindow[2] - dataWindow[0] + 1;
        long height = (long) dataWindow[3] - dataWindow[1] + 1;
        if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) {
            throw new HdrFormatException(source + ": OpenEXR data window " + width + "x" + height + " is empty or too large");
        }
        if (!compression.supported) {
            throw new HdrFormatException(source + ": OpenEXR compression " + compression
                    + " is not supported (use NONE, RLE, ZIPS, ZIP or PIZ)");
        }
        return new Header(channels, compression, dataWindow[0], dataWindow[1], (int) width, (int) height);
    }

    private static void checkPartType(ByteBuffer in, int end, String source) {
        byte[] raw = new byte[Math.max(0, end - in.position() - 1)];
        in.get(raw);
        String type = new String(raw, StandardCharsets.ISO_8859_1);
        if (!type.equals("scanlineimage")) {
            throw new HdrFormatException(source + ": OpenEXR part type '" + printable(type) + "' is not supported (scanline images only)");
        }
    }

    private static List<ExrChannel> readChannels(ByteBuffer in, int end, String source) {
        List<ExrChannel> channels = new ArrayList<>();
        while (in.position() < end) {
            String name = readString(in, source);
            if (name.isEmpty()) {
                break;
            }
            int pixelType = in.getInt();
            in.getInt(); // pLinear + 3 reserved bytes
            int xSampling = in.getInt();
            int ySampling = in.getInt();
            if (pixelType < 0 || pixelType > 2) {
                throw new HdrFormatException(source + ": OpenEXR channel '" + printable(name) + "' has unknown pixel type " + pixelType);
            }
            if (xSampling != 1 || ySampling != 1) {
                throw new HdrFormatException(source + ": OpenEXR channel '" + printable(name) + "' is subsampled (" + xSampling + "x"
                        + ySampling + "); only full-resolution channels are supported");
            }
            channels.add(new ExrChannel(name, pixelType, xSampling, ySampling));
        }
        return channels;
    }

    private static String readString(ByteBuffer in, String source) {
        int start = in.position();
        while (in.get() != 0) {
            if (in.position() - start > 255) {
                throw new HdrFormatException(source + ": malformed OpenEXR header (a name longer than 255 bytes)");
            }
        }
        return new String(in.array(), start, in.position() - start - 1, StandardCharsets.ISO_8859_1);
    }

    private static HdrImage readPixels(ByteBuffer in, Header header, String source) {
        int[] rgbChannel = findRgb(header.channels(), source);
        int lineBytes = 0;
        int[] channelOffset = new int[header.channels().size()];
        for (int c = 0; c < header.channels().size(); c++) {
            channelOffset[c] = lineBytes;
            lineBytes += header.width() * header.channels().get(c).bytesPerSample();
        }
        int linesPerChunk = header.compression().linesPerChunk;
        int chunks = (header.height() + linesPerChunk - 1) / linesPerChunk;
        long[] offsets = new long[chunks];
        for (int i = 0; i < chunks; i++) {
            offsets[i] = in.getLong();
        }
        float[] rgb = new float[3 * header.width() * header.height()];
        for (int i = 0; i < chunks; i++) {
            String where = source + " (chunk " + i + ")";
            if (offsets[i] < in.position() || offsets[i] > in.limit() - 8) {
                throw new HdrFormatException(where + ": offset " + offsets[i] + " lies outside the file (truncated?)");
            }
            in.position((int) offsets[i]);
            int firstLine = in.getInt() - header.minY();
            int size = in.getInt();
            int lines = Math.min(linesPerChunk, header.height() - firstLine);
            if (firstLine < 0 || firstLine >= header.height() || firstLine % linesPerChunk != 0) {
                throw new HdrFormatException(where + ": scanline " + (firstLine + header.minY()) + " lies outside the data window");
            }
            if (size < 0 || size > in.remaining()) {
                throw new HdrFormatException(where + ": chunk of " + size + " bytes runs past the end of the file (truncated?)");
            }
            byte[] compressed = new byte[size];
            in.get(compressed);
            byte[] raw = decompress(compressed, lineBytes * lines, header, lines, where);
            copyLines(raw, lines, lineBytes, firstLine, header, rgbChannel, channelOffset, rgb);
        }
        return new HdrImage(header.width(), header.height(), rgb);
    }

    private static byte[] decompress(byte[] data, int expected, Header header, int lines, String where) {
        if (data.length == expected) {
            return data; // every codec stores a chunk raw when compression would not make it smaller
        }
        return switch (header.compression()) {
            case RLE -> ExrByteCodecs.unRle(data, expected, where);
            case ZIP, ZIPS -> ExrByteCodecs.unzip(data, expected, where);
            case PIZ -> {
                byte[] out = ExrPiz.decode(data, header.width(), lines, header.channels(), where);
                if (out.length != expected) {
                    throw new HdrFormatException(where + ": PIZ data decodes to " + out.length + " bytes, expected " + expected);
                }
                yield out;
            }
            default -> throw new HdrFormatException(where + ": " + data.length + " bytes where " + expected + " were expected");
        };
    }

    /** Indices of the R, G and B channels ("R" or "layer.R"). */
    private static int[] findRgb(List<ExrChannel> channels, String source) {
        int[] found = {-1, -1, -1};
        String[] names = {"R", "G", "B"};
        for (int c = 0; c < channels.size(); c++) {
            String name = channels.get(c).name();
            String suffix = name.substring(name.lastIndexOf('.') + 1);
            for (int k = 0; k < 3; k++) {
                if (suffix.equals(names[k]) && found[k] < 0) {
                    found[k] = c;
                }
            }
        }
        for (int k = 0; k < 3; k++) {
            if (found[k] < 0) {
                List<String> present = channels.stream().map(ExrChannel::name).toList();
                throw new HdrFormatException(source + ": OpenEXR file has no " + names[k] + " channel (channels: " + present + ")");
            }
        }
        return found;
    }

    private static void copyLines(byte[] raw, int lines, int lineBytes, int firstLine, Header header, int[] rgbChannel,
                                  int[] channelOffset, float[] rgb) {
        ByteBuffer data = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int line = 0; line < lines; line++) {
            int outRow = (firstLine + line) * header.width();
            for (int k = 0; k < 3; k++) {
                ExrChannel channel = header.channels().get(rgbChannel[k]);
                int base = line * lineBytes + channelOffset[rgbChannel[k]];
                for (int x = 0; x < header.width(); x++) {
                    rgb[(outRow + x) * 3 + k] = switch (channel.pixelType()) {
                        case ExrChannel.HALF -> HalfFloat.toFloat(data.getShort(base + 2 * x));
                        case ExrChannel.FLOAT -> data.getFloat(base + 4 * x);
                        default -> Integer.toUnsignedLong(data.getInt(base + 4 * x));
                    };
                }
            }
        }
    }

    /** A name from the file as an error message can show it: one line of printable ASCII, at most 40 characters. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 40; i++) {
            char c = name.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return name.length() > 40 ? out + "…" : out.toString();
    }
}
