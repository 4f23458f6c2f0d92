package dev.splatlight.viewer.export;

import java.io.IOException;
import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg's negative return codes as exceptions carrying FFmpeg's own description. */
final class FFmpegErrors {
    private FFmpegErrors() {
    }

    /** Returns {@code code} when it is not an error; otherwise throws "{@code what}: FFmpeg's message". */
    static int check(int code, String what) throws IOException {
        if (code >= 0) {
            return code;
        }
        throw new IOException(what + ": " + describe(code));
    }

    static String describe(int code) {
        byte[] text = new byte[256];
        avutil.av_strerror(code, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8) + " (FFmpeg error " + code + ")";
    }
}
