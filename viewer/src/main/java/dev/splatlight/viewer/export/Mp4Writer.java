package dev.splatlight.viewer.export;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;

import dev.splatlight.core.asset.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Encodes frames as an H.264 MP4 that browsers play: yuv420p (BT.709, limited range, tagged), the moov atom first
 * (faststart), through FFmpeg's LGPL build with Cisco's OpenH264 encoder. OpenH264 has no constant-rate-factor mode, so
 * the quality setting is a constant quantiser on the same 0–51 scale (lower is better; 18–23 look clean). Written to a
 * temporary beside the target and renamed on {@link #commit}.
 */
public final class Mp4Writer implements FrameSink {
    /** The encoder this build of FFmpeg has for H.264 (x264 is GPL and not in it). */
    static final String ENCODER = "libopenh264";

    static {
        // errors only: OpenH264 warns on every open that its bit-rate target is not enforced, which is what we want
        av_log_set_level(AV_LOG_ERROR);
    }

    private final Path target;
    private final Path temporary;
    private final int width, height;
    private RgbaToYuv420 converter;
    private AVFormatContext format;
    private AVCodecContext codec;
    private AVStream stream;
    private AVIOContext io;
    private AVFrame frame;
    private AVPacket packet;
    private boolean committed, closed;
    private long nextPts;

    /**
     * @param quantiser H.264 quantiser, 0–51
     * @param threads   encoder threads (OpenH264 slices the frame between them)
     */
    public Mp4Writer(Path target, int width, int height, int fps, int quantiser, int threads) throws IOException {
        if (width % 2 != 0 || height % 2 != 0 || width < 2 || height < 2) {
            throw new IllegalArgumentException("yuv420p video needs an even width and height, got " + width + "x" + height);
        }
        if (fps < 1 || quantiser < 0 || quantiser > 51) {
            throw new IllegalArgumentException("fps must be >= 1 and the quantiser within 0..51, got " + fps + ", " + quantiser);
        }
        this.target = target;
        this.width = width;
        this.height = height;
        this.temporary = AtomicFiles.temporaryFor(target);
        try {
            converter = new RgbaToYuv420(width, height);
            open(fps, quantiser, threads);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open(int fps, int quantiser, int threads) throws IOException {
        format = new AVFormatContext(null);
        FFmpegErrors.check(avformat_alloc_output_context2(format, null, "mp4", temporary.toString()), "creating the MP4 muxer");
        AVCodec h264 = avcodec_find_encoder_by_name(ENCODER);
        if (h264 == null || h264.isNull()) {
            throw new IOException("this FFmpeg build has no " + ENCODER + " encoder");
        }
        stream = avformat_new_stream(format, null);
        codec = avcodec_alloc_context3(h264);
        codec.width(width).height(height).pix_fmt(AV_PIX_FMT_YUV420P);
        codec.time_base(av_make_q(1, fps)).framerate(av_make_q(fps, 1));
        codec.gop_size(Math.max(1, 2 * fps)); // a key frame every 2 s: seeking in a browser stays quick
        // A constant quantiser: OpenH264's rate control clamps every QP to [qmin, qmax] (with rate control off it
        // would use a fixed QP of its own and ignore both); frame skipping stays off, so no frame is dropped.
        codec.qmin(quantiser).qmax(quantiser);
        codec.bit_rate(200_000_000L);
        codec.thread_count(Math.max(1, threads));
        codec.color_primaries(AVCOL_PRI_BT709).color_trc(AVCOL_TRC_BT709).colorspace(AVCOL_SPC_BT709)
                .color_range(AVCOL_RANGE_MPEG);
        if ((format.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "rc_mode", "quality", 0);
        av_dict_set(options, "profile", "high", 0);
        av_dict_set(options, "coder", "cabac", 0);
        int opened = avcodec_open2(codec, h264, options);
        av_dict_free(options);
        FFmpegErrors.check(opened, "opening the H.264 encoder");
        FFmpegErrors.check(avcodec_parameters_from_context(stream.codecpar(), codec), "configuring the video stream");
        stream.time_base(codec.time_base());

        io = new AVIOContext(null);
        FFmpegErrors.check(avio_open(io, temporary.toString(), AVIO_FLAG_WRITE), "opening " + temporary);
        format.pb(io);
        AVDictionary muxer = new AVDictionary(null);
        av_dict_set(muxer, "movflags", "+faststart", 0); // index first: browsers start playing before the whole file is in
        int header = avformat_write_header(format, muxer);
        av_dict_free(muxer);
        FFmpegErrors.check(header, "writing the MP4 header of " + temporary);

        frame = av_frame_alloc();
        frame.format(AV_PIX_FMT_YUV420P).width(width).height(height);
        FFmpegErrors.check(av_frame_get_buffer(frame, 0), "allocating a video frame");
        packet = av_packet_alloc();
    }

    @Override
    public void write(byte[] rgba) throws IOException {
        if (rgba.length != 4 * width * height) {
            throw new IllegalArgumentException("frame of " + rgba.length + " bytes, expected " + 4 * width * height);
        }
        FFmpegErrors.check(av_frame_make_writable(frame), "reusing the video frame");
        converter.convert(rgba, frame);
        frame.pts(nextPts++);
        FFmpegErrors.check(avcodec_send_frame(codec, frame), "encoding frame " + (nextPts - 1));
        drain();
    }

    /** Moves every packet the encoder has ready into the file. */
    private void drain() throws IOException {
        while (true) {
            int received = avcodec_receive_packet(codec, packet);
            if (received == AVERROR_EAGAIN() || received == AVERROR_EOF) {
                return;
            }
            FFmpegErrors.check(received, "encoding");
            if (packet.duration() == 0) {
                packet.duration(1); // one frame: the muxer then knows the last frame's length, and the video its duration
            }
            av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            int written = av_interleaved_write_frame(format, packet);
            av_packet_unref(packet);
            FFmpegErrors.check(written, "writing " + temporary);
        }
    }

    @Override
    public void commit() throws IOException {
        FFmpegErrors.check(avcodec_send_frame(codec, null), "flushing the encoder");
        drain();
        FFmpegErrors.check(av_write_trailer(format), "finishing " + temporary);
        FFmpegErrors.check(closeFile(), "closing " + temporary);
        AtomicFiles.commit(temporary, target);
        committed = true;
    }

    /** Closes the output file once (JavaCPP nulls {@code io} through the pointer avio_closep takes). */
    private int closeFile() {
        if (io == null || io.isNull()) {
            return 0;
        }
        format.pb(null);
        return avio_closep(io);
    }

    /** Frames written so far. */
    public long frames() {
        return nextPts;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (packet != null) {
            av_packet_free(packet);
        }
        if (frame != null) {
            av_frame_free(frame);
        }
        if (codec != null) {
            avcodec_free_context(codec);
        }
        if (format != null && !format.isNull()) {
            closeFile();
            avformat_free_context(format);
        }
        if (converter != null) {
            converter.close();
        }
        if (!committed) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a temporary left behind is hidden (dot-named) and harmless
            }
        }
    }
}
