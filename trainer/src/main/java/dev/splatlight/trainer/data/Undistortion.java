package dev.splatlight.trainer.data;

/**
 * Photos with lens distortion resampled to a pinhole camera, as COLMAP's {@code image_undistorter} does with its
 * defaults (blank_pixels 0, min_scale 0.2, max_scale 2): the pinhole keeps the focal lengths and principal point; the
 * image is scaled, per axis, so that it shows no blank pixels — the largest rectangle the distorted photo covers along
 * its borders — and its principal point moves with the new size. Each pinhole pixel then takes the distorted photo's
 * colour where its ray lands (bilinear).
 */
final class Undistortion {
    private static final double BLANK_PIXELS = 0, MIN_SCALE = 0.2, MAX_SCALE = 2;

    /** A pinhole camera: size, focal lengths and principal point (pixel centres at +0.5). */
    record Pinhole(int width, int height, double fx, double fy, double cx, double cy) {
    }

    private Undistortion() {
    }

    static Pinhole pinholeFor(LensDistortion lens, int width, int height) {
        double fx = lens.fx(), fy = lens.fy(), cx = lens.cx(), cy = lens.cy();
        // where the distorted photo's borders land in the pinhole image
        double leftMin = Double.MAX_VALUE, leftMax = -Double.MAX_VALUE, rightMin = Double.MAX_VALUE, rightMax = -Double.MAX_VALUE;
        for (int y = 0; y < height; y++) {
            double[] left = lens.directionAt(0.5, y + 0.5), right = lens.directionAt(width - 0.5, y + 0.5);
            leftMin = Math.min(leftMin, fx * left[0] + cx);
            leftMax = Math.max(leftMax, fx * left[0] + cx);
            rightMin = Math.min(rightMin, fx * right[0] + cx);
            rightMax = Math.max(rightMax, fx * right[0] + cx);
        }
        double topMin = Double.MAX_VALUE, topMax = -Double.MAX_VALUE, bottomMin = Double.MAX_VALUE, bottomMax = -Double.MAX_VALUE;
        for (int x = 0; x < width; x++) {
            double[] top = lens.directionAt(x + 0.5, 0.5), bottom = lens.directionAt(x + 0.5, height - 0.5);
            topMin = Math.min(topMin, fy * top[1] + cy);
            topMax = Math.max(topMax, fy * top[1] + cy);
            bottomMin = Math.min(bottomMin, fy * bottom[1] + cy);
            bottomMax = Math.max(bottomMax, fy * bottom[1] + cy);
        }
        // every distorted pixel inside (scale ≤ these) … no blank pixel (scale ≥ these); blank_pixels interpolates
        double allX = Math.min(cx / (cx - leftMin), (width - 0.5 - cx) / (rightMax - cx));
        double allY = Math.min(cy / (cy - topMin), (height - 0.5 - cy) / (bottomMax - cy));
        double noBlankX = Math.max(cx / (cx - leftMax), (width - 0.5 - cx) / (rightMin - cx));
        double noBlankY = Math.max(cy / (cy - topMax), (height - 0.5 - cy) / (bottomMin - cy));
        double scaleX = clip(1 / (allX * BLANK_PIXELS + noBlankX * (1 - BLANK_PIXELS)));
        double scaleY = clip(1 / (allY * BLANK_PIXELS + noBlankY * (1 - BLANK_PIXELS)));
        int newWidth = (int) Math.max(1, scaleX * width), newHeight = (int) Math.max(1, scaleY * height);
        return new Pinhole(newWidth, newHeight, fx, fy, cx * newWidth / width, cy * newHeight / height);
    }

    private static double clip(double scale) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale));
    }

    /** The photo as {@code target} sees it: bilinear samples of the distorted photo; rays that leave it are transparent. */
    static Rgba8Image resample(Rgba8Image photo, LensDistortion lens, Pinhole target) {
        byte[] out = new byte[4 * target.width() * target.height()];
        byte[] in = photo.pixels();
        int w = photo.width(), h = photo.height();
        for (int y = 0; y < target.height(); y++) {
            for (int x = 0; x < target.width(); x++) {
                double[] source = lens.pixelOf((x + 0.5 - target.cx()) / target.fx(), (y + 0.5 - target.cy()) / target.fy());
                double sx = source[0] - 0.5, sy = source[1] - 0.5; // to coordinates where pixel i sits at i
                int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
                    continue; // outside the photo: transparent
                }
                double fx = sx - x0, fy = sy - y0;
                int q = 4 * (y * target.width() + x);
                for (int c = 0; c < 4; c++) {
                    double value = 0;
                    for (int corner = 0; corner < 4; corner++) {
                        int cxp = Math.min(w - 1, Math.max(0, x0 + (corner & 1))), cyp = Math.min(h - 1, Math.max(0, y0 + (corner >> 1)));
                        double weight = ((corner & 1) == 1 ? fx : 1 - fx) * ((corner >> 1) == 1 ? fy : 1 - fy);
                        value += weight * (in[4 * (cyp * w + cxp) + c] & 0xFF);
                    }
                    out[q + c] = (byte) Math.round(value);
                }
            }
        }
        return new Rgba8Image(target.width(), target.height(), out);
    }
}
