package dev.splatlight.viewer.export;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts full-range sRGB RGBA frames to BT.709 limited-range yuv420p with libswscale: the matrix and range browsers
 * assume for HD video and that {@link Mp4Writer} tags, so colours come back as rendered.
 */
final class RgbaToYuv420 implements AutoCloseable {
    private final int height;
    private final SwsContext context;
    private final BytePointer pixels;
    private final PointerPointer<BytePointer> planes;
    private final IntPointer strides;

    RgbaToYuv420(int width, int height) {
        this.height = height;
        context = sws_getContext(width, height, AV_PIX_FMT_RGBA, width, height, AV_PIX_FMT_YUV420P,
                SWS_BILINEAR | SWS_ACCURATE_RND, null, null, (DoublePointer) null);
        if (context == null || context.isNull()) {
            throw new IllegalStateException("libswscale cannot convert RGBA to yuv420p at " + width + "x" + height);
        }
        IntPointer bt709 = sws_getCoefficients(SWS_CS_ITU709);
        // source full range (1), destination limited (0); brightness, contrast, saturation neutral (16.16 fixed point)
        sws_setColorspaceDetails(context, bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
        pixels = new BytePointer(4L * width * height);
        // libswscale reads four plane pointers and strides even for packed RGBA: the other three are null and 0
        planes = new PointerPointer<>(pixels, null, null, null);
        strides = new IntPointer(4 * width, 0, 0, 0);
    }

    /** Fills a writable yuv420p {@code frame} of this size from [height, width] RGBA8 pixels. */
    void convert(byte[] rgba, AVFrame frame) {
        pixels.put(rgba, 0, rgba.length);
        sws_scale(context, planes, strides, 0, height, frame.data(), frame.linesize());
    }

    @Override
    public void close() {
        sws_freeContext(context);
        strides.close();
        planes.close();
        pixels.close();
    }
}
