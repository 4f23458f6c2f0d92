package dev.splatlight.core.splat;

import dev.splatlight.core.testing.ReferenceSphericalHarmonics;
import dev.splatlight.core.camera.Camera;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.joml.Matrix3f;
import org.joml.Quaternionf;
import org.joml.Vector3f;

/**
 * Plain-Java forward rasterizer: the same mathematics as the GPU kernels, written for clarity. Per pixel it blends
 * every visible splat in (depth, index) order, with no tiles at all: the GPU culls a tile only where no splat's alpha
 * can reach the cutoff, so its images must not depend on the tiling. Tile counts are found per tile, by the
 * smallest value of the splat's quadratic form over the tile's pixel centres (the GPU goes row by row instead).
 */
public final class ReferenceRasterizer {
    static final int TILE = 16;

    /** One projected splat; radius 0 means culled; {@code tiles}: how many tiles its ellipse reaches. */
    record Projected(float x, float y, float depth, float radius, float conicA, float conicB, float conicC,
                     float opacity, float r, float g, float b, int tiles) {
    }

    /** Planar outputs, as the GPU writes them. */
    public record Image(float[] color, float[] opacity, float[] depth, float[] features, float[] transmittance) {
    }

    static float[] shBasis(int degree, Vector3f d) {
        double[] basis = ReferenceSphericalHarmonics.basis(degree, d.x, d.y, d.z);
        float[] out = new float[16];
        for (int k = 0; k < 16; k++) {
            out[k] = (float) basis[k];
        }
        return out;
    }

    static Projected project(GaussianCloud cloud, int i, Camera camera, RasterSettings settings) {
        Vector3f mean = new Vector3f(cloud.means[3 * i], cloud.means[3 * i + 1], cloud.means[3 * i + 2]);
        Vector3f t = camera.viewFromWorld().transformPosition(new Vector3f(mean));
        Projected culled = new Projected(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        if (t.z < settings.nearPlane()) {
            return culled;
        }
        // Σ = R S Sᵀ Rᵀ from the normalised quaternion.
        Quaternionf q = new Quaternionf(cloud.rotations[4 * i + 1], cloud.rotations[4 * i + 2], cloud.rotations[4 * i + 3],
                cloud.rotations[4 * i]).normalize();
        Matrix3f rs = new Matrix3f().set(q).scale((float) Math.exp(cloud.logScales[3 * i]),
                (float) Math.exp(cloud.logScales[3 * i + 1]), (float) Math.exp(cloud.logScales[3 * i + 2]));
        Matrix3f sigma = new Matrix3f(rs).mul(new Matrix3f(rs).transpose());
        // J W Σ Wᵀ Jᵀ with the 1.3× field-of-view clamp of the point the Jacobian is taken at.
        float limX = 1.3f * camera.tanHalfFovX(), limY = 1.3f * camera.tanHalfFovY();
        float x = Math.max(-limX, Math.min(limX, t.x / t.z)) * t.z;
        float y = Math.max(-limY, Math.min(limY, t.y / t.z)) * t.z;
        Matrix3f j = new Matrix3f(camera.fx() / t.z, 0, 0, 0, camera.fy() / t.z, 0,
                -camera.fx() * x / (t.z * t.z), -camera.fy() * y / (t.z * t.z), 0);
        Matrix3f jw = j.mul(camera.rotation(), new Matrix3f());
        Matrix3f cov = new Matrix3f(jw).mul(sigma).mul(new Matrix3f(jw).transpose());
        float a = cov.m00 + 0.3f, b = cov.m01, c = cov.m11 + 0.3f;
        float det = a * c - b * b;
        if (det <= 0) {
            return culled;
        }
        float mid = 0.5f * (a + c);
        float major = mid + (float) Math.sqrt(Math.max(0.1f, mid * mid - det));
        float radius = (float) Math.ceil(3 * Math.sqrt(major));
        float px = camera.fx() * t.x / t.z + camera.cx();
        float py = camera.fy() * t.y / t.z + camera.cy();
        float opacity = (float) (1 / (1 + Math.exp(-cloud.opacityLogits[i])));
        int tiles = coveredTiles(px, py, c / det, -b / det, a / det, opacity, camera);
        if (tiles == 0) {
            return culled;
        }
        Vector3f direction = new Vector3f(mean).sub(camera.position()).normalize();
        float[] basis = shBasis(settings.shDegree(), direction);
        float[] rgb = new float[3];
        int coefficients = (settings.shDegree() + 1) * (settings.shDegree() + 1);
        for (int ch = 0; ch < 3; ch++) {
            float sum = 0;
            for (int k = 0; k < coefficients; k++) {
                sum += basis[k] * cloud.sh[(i * 16 + k) * 3 + ch];
            }
            rgb[ch] = Math.max(0, sum + 0.5f);
        }
        return new Projected(px, py, t.z, radius, c / det, -b / det, a / det, opacity, rgb[0], rgb[1], rgb[2], tiles);
    }

    /** Level of the quadratic form beyond which alpha < 1/255, with the GPU's slack for rounding. */
    static double coverageLevel(double opacity) {
        return 2 * Math.log(opacity * 255) + 1e-3;
    }

    /** Tiles holding a pixel centre where the splat's alpha can reach 1/255. */
    static int coveredTiles(double x, double y, double conicA, double conicB, double conicC, double opacity, Camera camera) {
        double level = coverageLevel(opacity);
        if (!(level > 0)) {
            return 0;
        }
        int tiles = 0;
        for (int ty = 0; ty * TILE < camera.height(); ty++) {
            for (int tx = 0; tx * TILE < camera.width(); tx++) {
                double smallest = smallestForm(tx * TILE + 0.5 - x, tx * TILE + TILE - 0.5 - x, ty * TILE + 0.5 - y,
                        ty * TILE + TILE - 0.5 - y, conicA, conicB, conicC);
                tiles += smallest <= level ? 1 : 0;
            }
        }
        return tiles;
    }

    /**
     * min of a·dx² + 2b·dx·dy + c·dy² over the box [x0, x1] × [y0, y1] of offsets: 0 when it holds the centre, else
     * on one of its four edges, each a one-dimensional quadratic minimised and clamped to the edge.
     */
    static double smallestForm(double x0, double x1, double y0, double y1, double a, double b, double c) {
        if (x0 <= 0 && 0 <= x1 && y0 <= 0 && 0 <= y1) {
            return 0;
        }
        double smallest = Double.POSITIVE_INFINITY;
        for (double dx : new double[] {x0, x1}) {
            double dy = Math.max(y0, Math.min(y1, -b * dx / c));
            smallest = Math.min(smallest, a * dx * dx + 2 * b * dx * dy + c * dy * dy);
        }
        for (double dy : new double[] {y0, y1}) {
            double dx = Math.max(x0, Math.min(x1, -b * dy / a));
            smallest = Math.min(smallest, a * dx * dx + 2 * b * dx * dy + c * dy * dy);
        }
        return smallest;
    }

    public static Image render(GaussianCloud cloud, float[] features, int channels, Camera camera, RasterSettings settings) {
        return render(cloud, features, channels, camera, settings, null);
    }

    /** As above, each pixel's blend ended by the first splat deeper than {@code occluderDepth} [H, W] (when given). */
    public static Image render(GaussianCloud cloud, float[] features, int channels, Camera camera, RasterSettings settings,
                               float[] occluderDepth) {
        int w = camera.width(), h = camera.height(), n = cloud.count();
        List<Projected> projected = new ArrayList<>();
        List<Integer> visible = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Projected p = project(cloud, i, camera, settings);
            projected.add(p);
            if (p.radius() > 0) {
                visible.add(i);
            }
        }
        visible.sort(Comparator.<Integer>comparingDouble(i -> projected.get(i).depth()).thenComparingInt(i -> i));
        int plane = w * h;
        Image image = new Image(new float[3 * plane], new float[plane], new float[plane], new float[channels * plane], new float[plane]);
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                blendPixel(px, py, w, plane, cloud, features, channels, projected, visible, settings, image,
                        occluderDepth == null ? Float.POSITIVE_INFINITY : occluderDepth[py * w + px]);
            }
        }
        return image;
    }

    private static void blendPixel(int px, int py, int w, int plane, GaussianCloud cloud, float[] features, int channels,
                                   List<Projected> projected, List<Integer> order, RasterSettings settings, Image image,
                                   float occluderDepth) {
        float cx = px + 0.5f, cy = py + 0.5f;
        float transmittance = 1, r = 0, g = 0, b = 0, depth = 0, opacity = 0;
        float[] blended = new float[channels];
        for (int i : order) {
            Projected p = projected.get(i);
            if (p.depth() > occluderDepth) {
                break;
            }
            float dx = p.x() - cx, dy = p.y() - cy;
            float power = -0.5f * (p.conicA() * dx * dx + p.conicC() * dy * dy) - p.conicB() * dx * dy;
            if (power > 0) {
                continue;
            }
            float alpha = Math.min(0.99f, p.opacity() * (float) Math.exp(power));
            if (alpha < 1f / 255f) {
                continue;
            }
            float next = transmittance * (1 - alpha);
            if (next < 1e-4f) {
                break;
            }
            float weight = alpha * transmittance;
            r += weight * p.r();
            g += weight * p.g();
            b += weight * p.b();
            depth += weight * p.depth();
            opacity += weight;
            for (int c = 0; c < channels; c++) {
                blended[c] += weight * features[i * channels + c];
            }
            transmittance = next;
        }
        int at = py * w + px;
        image.color()[at] = r + transmittance * settings.background().x();
        image.color()[plane + at] = g + transmittance * settings.background().y();
        image.color()[2 * plane + at] = b + transmittance * settings.background().z();
        image.opacity()[at] = opacity;
        image.depth()[at] = opacity > 1e-6f ? depth / opacity : 0;
        for (int c = 0; c < channels; c++) {
            image.features()[c * plane + at] = blended[c];
        }
        image.transmittance()[at] = transmittance;
    }
}
