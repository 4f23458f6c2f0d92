package dev.splatlight.viewer.export;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/** Decodes an MP4's video back through the same FFmpeg binding, for tests: what a player would see. */
final class Mp4Reader {
    /** The stream's properties and every frame as [H, W] RGBA8 (BT.709 limited range back to full-range RGB). */
    record Video(String codec, String pixelFormat, int width, int height, double fps, double durationSeconds,
                 boolean moovFirst, List<byte[]> frames) {
    }

    private Mp4Reader() {
    }

    static Video read(Path file) throws IOException {
        AVFormatContext format = new AVFormatContext(null);
        FFmpegErrors.check(avformat_open_input(format, file.toString(), null, (AVDictionary) null), "opening " + file);
        AVCodecContext codec = null;
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        SwsContext sws = null;
        try {
            FFmpegErrors.check(avformat_find_stream_info(format, (AVDictionary) null), "reading " + file);
            AVStream stream = null;
            for (int i = 0; i < format.nb_streams(); i++) {
                if (format.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                    stream = format.streams(i);
                }
            }
            if (stream == null) {
                throw new IOException(file + " has no video stream");
            }
            AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
            codec = avcodec_alloc_context3(decoder);
            FFmpegErrors.check(avcodec_parameters_to_context(codec, stream.codecpar()), "decoder parameters");
            FFmpegErrors.check(avcodec_open2(codec, decoder, (AVDictionary) null), "opening the decoder");
            int width = codec.width(), height = codec.height();
            String pixelFormat = av_get_pix_fmt_name(codec.pix_fmt()).getString();
            sws = sws_getContext(width, height, codec.pix_fmt(), width, height, AV_PIX_FMT_RGBA,
                    SWS_BILINEAR | SWS_ACCURATE_RND, null, null, (DoublePointer) null);
            IntPointer bt709 = sws_getCoefficients(SWS_CS_ITU709);
            sws_setColorspaceDetails(sws, bt709, 0, bt709, 1, 0, 1 << 16, 1 << 16);
            List<byte[]> frames = new ArrayList<>();
            BytePointer rgba = new BytePointer(4L * width * height);
            PointerPointer<BytePointer> planes = new PointerPointer<>(rgba, null, null, null);
            IntPointer strides = new IntPointer(4 * width, 0, 0, 0);
            boolean flushing = false;
            while (true) {
                if (!flushing) {
                    int read = av_read_frame(format, packet);
                    if (read < 0) {
                        flushing = true;
                        avcodec_send_packet(codec, null);
                    } else {
                        if (packet.stream_index() == stream.index()) {
                            FFmpegErrors.check(avcodec_send_packet(codec, packet), "decoding");
                        }
                        av_packet_unref(packet);
                    }
                }
                while (true) {
                    int got = avcodec_receive_frame(codec, frame);
                    if (got == AVERROR_EAGAIN() || got == AVERROR_EOF) {
                        break;
                    }
                    FFmpegErrors.check(got, "decoding");
                    sws_scale(sws, frame.data(), frame.linesize(), 0, height, planes, strides);
                    byte[] pixels = new byte[4 * width * height];
                    rgba.get(pixels);
                    frames.add(pixels);
                }
                if (flushing) { // the decoder has given back everything after the end of the file
                    break;
                }
            }
            strides.close();
            planes.close();
            rgba.close();
            double timeBase = stream.time_base().num() / (double) stream.time_base().den();
            double fps = stream.avg_frame_rate().num() / (double) stream.avg_frame_rate().den();
            return new Video(avcodec_get_name(codec.codec_id()).getString(), pixelFormat, width, height, fps,
                    stream.duration() * timeBase, moovBeforeMdat(file), frames);
        } finally {
            if (sws != null) {
                sws_freeContext(sws);
            }
            av_frame_free(frame);
            av_packet_free(packet);
            if (codec != null) {
                avcodec_free_context(codec);
            }
            avformat_close_input(format);
        }
    }

    /** Whether the file's index (moov) comes before its media data (mdat): what faststart does. */
    static boolean moovBeforeMdat(Path file) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(8);
            long position = 0;
            while (position < channel.size()) {
                header.clear();
                channel.read(header, position);
                header.flip();
                long size = header.getInt() & 0xffffffffL;
                String type = new String(new byte[] {header.get(), header.get(), header.get(), header.get()},
                        java.nio.charset.StandardCharsets.US_ASCII);
                if (type.equals("moov")) {
                    return true;
                }
                if (type.equals("mdat")) {
                    return false;
                }
                if (size == 1) { // 64-bit size follows
                    java.nio.ByteBuffer large = java.nio.ByteBuffer.allocate(8);
                    channel.read(large, position + 8);
                    size = large.flip().getLong();
                }
                if (size < 8) {
                    return false;
                }
                position += size;
            }
            return false;
        }
    }
}
