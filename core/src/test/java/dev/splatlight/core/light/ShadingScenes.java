package dev.splatlight.core.light;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.splat.GaussianCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/** Random inputs for shading tests (here and in the trainer's): a camera, G-buffers, occlusion and irradiance volumes. */
public final class ShadingScenes {
    private ShadingScenes() {
    }

    /** A G-buffer as the rasterizer leaves it: sums [8, H, W], depth and opacity [H, W]. */
    public record GBuffer(int width, int height, float[] features, float[] depth, float[] opacity) {
        public int pixels() {
            return width * height;
        }
    }

    public static Camera lookingAtOrigin(int width, int height, Vector3f eye) {
        Matrix4f openGl = new Matrix4f().lookAt(eye, new Vector3f(), new Vector3f(0, 0, 1));
        Matrix4f viewFromWorld = new Matrix4f().scaling(1, -1, -1).mul(openGl); // +y down, +z forward
        return new Camera(width, height, 30, 30, width / 2f, height / 2f, viewFromWorld);
    }

    /** Random materials; one pixel in six uncovered, the rest with coverage in [0.3, 1]. */
    public static GBuffer randomGBuffer(Random random, int width, int height) {
        int pixels = width * height;
        float[] features = new float[8 * pixels], depth = new float[pixels], opacity = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            opacity[p] = random.nextInt(6) == 0 ? 0 : 0.3f + 0.7f * random.nextFloat();
            depth[p] = 2.5f + random.nextFloat();
            for (int c = 0; c < 3; c++) {
                features[c * pixels + p] = (float) random.nextGaussian() * opacity[p];                // normal
                features[(3 + c) * pixels + p] = (0.05f + 0.9f * random.nextFloat()) * opacity[p];    // albedo
            }
            features[6 * pixels + p] = (0.05f + 0.9f * random.nextFloat()) * opacity[p];             // roughness
            features[7 * pixels + p] = (random.nextBoolean() ? 0 : random.nextFloat()) * opacity[p];  // metallic
        }
        return new GBuffer(width, height, features, depth, opacity);
    }

    /** The surface the shading kernels see at pixel p (material = sums / coverage). */
    public static ReferenceShading.Surface surface(GBuffer g, int p, Camera camera) {
        int pixels = g.pixels();
        double o = g.opacity()[p];
        double z = g.depth()[p];
        double x = (p % g.width() + 0.5 - camera.cx()) / camera.fx() * z, y = (p / g.width() + 0.5 - camera.cy()) / camera.fy() * z;
        Vector3f world = new Matrix4f(camera.viewFromWorld()).invertAffine().transformPosition(new Vector3f((float) x, (float) y, (float) z));
        double[] position = {world.x, world.y, world.z};
        Vector3f eye = camera.position();
        double[] view = ReferenceEnvironment.normalize(new double[] {eye.x - position[0], eye.y - position[1], eye.z - position[2]});
        float[] f = g.features();
        double[] normal = ReferenceEnvironment.normalize(new double[] {f[p], f[pixels + p], f[2 * pixels + p]});
        double[] albedo = {f[3 * pixels + p] / o, f[4 * pixels + p] / o, f[5 * pixels + p] / o};
        return new ReferenceShading.Surface(position, normal, view, albedo, f[6 * pixels + p] / o, f[7 * pixels + p] / o);
    }

    /** A learned light's parameters: standard-normal log radiance over the top level of a {@code base}² cube chain. */
    public static float[] randomLogRadiance(Random random, int base) {
        float[] theta = new float[3 * CubeChain.standard(base).levelTexels(0)];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) random.nextGaussian();
        }
        return theta;
    }

    public static OcclusionVolume randomOcclusion(Random random, int resolution, float bound) {
        List<Integer> cells = new ArrayList<>();
        for (int c = 0; c < resolution * resolution * resolution; c++) {
            if (random.nextInt(10) < 7) {
                cells.add(c);
            }
        }
        float[] coefficients = new float[16 * cells.size()];
        for (int i = 0; i < coefficients.length; i++) {
            // coefficient 0 down to 0: some probes see under 15 % of the sphere, the "inside" ones queries skip
            coefficients[i] = i % 16 == 0 ? 3.5f * random.nextFloat() : 0.8f * (float) random.nextGaussian();
        }
        return new OcclusionVolume(resolution, bound, 0.25f, cells.stream().mapToInt(Integer::intValue).toArray(), coefficients);
    }

    public static IrradianceVolume randomIrradiance(Random random, int resolution, float bound) {
        float[] coefficients = new float[9 * resolution * resolution * resolution];
        for (int i = 0; i < coefficients.length; i++) {
            coefficients[i] = (float) random.nextGaussian();
        }
        return new IrradianceVolume(resolution, bound, coefficients);
    }

    /** Gaussians scattered through [−1.1, 1.1]³, 2–8 cm across (σ), for traced reflections. */
    public static GaussianCloud randomCloud(Random random, int count) {
        GaussianCloud cloud = new GaussianCloud(count);
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < 3; k++) {
                cloud.means[3 * i + k] = 1.1f * (2 * random.nextFloat() - 1);
                cloud.logScales[3 * i + k] = (float) Math.log(0.02 + 0.06 * random.nextFloat());
            }
            for (int k = 0; k < 4; k++) {
                cloud.rotations[4 * i + k] = (float) random.nextGaussian();
            }
            cloud.opacityLogits[i] = (float) (2 * random.nextGaussian());
        }
        return cloud;
    }

    /** [G, 8] G-buffer features per Gaussian: a unit normal, albedo, roughness, metallic. */
    public static float[] randomMaterials(Random random, int count) {
        float[] materials = new float[8 * count];
        for (int i = 0; i < count; i++) {
            double[] n = ReferenceEnvironment.normalize(new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()});
            for (int k = 0; k < 3; k++) {
                materials[8 * i + k] = (float) n[k];
                materials[8 * i + 3 + k] = 0.05f + 0.9f * random.nextFloat();
            }
            materials[8 * i + 6] = random.nextFloat();
            materials[8 * i + 7] = random.nextBoolean() ? 0 : random.nextFloat();
        }
        return materials;
    }
}
