package dev.splatlight.viewer.bench;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.light.EnvironmentCube;
import dev.splatlight.core.splat.GaussianCloud;
import java.util.Random;

/**
 * A relightable asset of any size for the frame benchmark (issue 8's baseline scene): Gaussians on the surfaces of
 * 12 spheres in a 4 × 3 grid, flat along the sphere's normal and wide enough that neighbours overlap (what a trained
 * surface looks like to the rasterizer), half of the spheres glossy metal and half rough dielectric, under a sky-like
 * learned light. Deterministic for a count.
 */
public final class SyntheticScene {
    public static final int SPHERES = 12;
    private static final float RADIUS = 0.3f;
    private static final int LIGHT_SIZE = 64;

    private SyntheticScene() {
    }

    public static RelightableAsset spheres(int gaussians) {
        if (gaussians < SPHERES) {
            throw new IllegalArgumentException("a synthetic scene needs at least " + SPHERES + " Gaussians, got " + gaussians);
        }
        Random random = new Random(gaussians);
        GaussianCloud cloud = new GaussianCloud(gaussians);
        float[] albedo = new float[3 * gaussians], roughness = new float[gaussians], metallic = new float[gaussians];
        // disc of area (sphere area / Gaussians per sphere) per Gaussian; σ = 0.6 × its radius overlaps neighbours
        double perSphere = (double) gaussians / SPHERES;
        float tangential = (float) (0.6 * Math.sqrt(4 * RADIUS * RADIUS / perSphere));
        float normal = 0.1f * tangential;
        for (int i = 0; i < gaussians; i++) {
            int sphere = i % SPHERES;
            float cx = -0.96f + 0.64f * (sphere % 4), cy = -0.64f + 0.64f * (sphere / 4);
            double z = 2 * random.nextDouble() - 1, phi = 2 * Math.PI * random.nextDouble(), s = Math.sqrt(1 - z * z);
            float nx = (float) (s * Math.cos(phi)), ny = (float) (s * Math.sin(phi)), nz = (float) z;
            cloud.means[3 * i] = cx + RADIUS * nx;
            cloud.means[3 * i + 1] = cy + RADIUS * ny;
            cloud.means[3 * i + 2] = RADIUS * nz;
            cloud.normals[3 * i] = nx;
            cloud.normals[3 * i + 1] = ny;
            cloud.normals[3 * i + 2] = nz;
            // local z (the thin axis) turned onto the normal: the quaternion of the rotation from +Z to n
            float w = 1 + nz, len = (float) Math.sqrt(w * w + nx * nx + ny * ny);
            if (len < 1e-6f) { // n = −Z: half a turn about X
                cloud.rotations[4 * i + 1] = 1;
            } else {
                cloud.rotations[4 * i] = w / len;
                cloud.rotations[4 * i + 1] = -ny / len;
                cloud.rotations[4 * i + 2] = nx / len;
            }
            cloud.logScales[3 * i] = cloud.logScales[3 * i + 1] = (float) Math.log(tangential);
            cloud.logScales[3 * i + 2] = (float) Math.log(normal);
            cloud.opacityLogits[i] = 4;
            boolean metal = sphere % 2 == 0;
            float hue = sphere / (float) SPHERES;
            albedo[3 * i] = metal ? 0.95f : 0.2f + 0.7f * hue;
            albedo[3 * i + 1] = metal ? 0.85f : 0.5f;
            albedo[3 * i + 2] = metal ? 0.6f : 0.9f - 0.7f * hue;
            roughness[i] = metal ? 0.2f : 0.7f;
            metallic[i] = metal ? 1 : 0;
            for (int c = 0; c < 3; c++) {
                cloud.sh[48 * i + c] = (albedo[3 * i + c] - 0.5f) / (float) GaussianCloud.SH_C0; // radiance mode shows the albedo
            }
        }
        return new RelightableAsset(cloud, new RelightableAsset.Material(albedo, roughness, metallic), sky(), null, null,
                false, true, false, false);
    }

    /** A bright zenith over a darker horizon and ground, and a small sun on the +X face. */
    private static EnvironmentCube sky() {
        float[] rgb = new float[18 * LIGHT_SIZE * LIGHT_SIZE];
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < LIGHT_SIZE; y++) {
                for (int x = 0; x < LIGHT_SIZE; x++) {
                    int t = (face * LIGHT_SIZE + y) * LIGHT_SIZE + x;
                    float up = face == 4 ? 1 : face == 5 ? 0 : 1 - (y + 0.5f) / LIGHT_SIZE;
                    boolean sun = face == 0 && Math.abs(x - 20) <= 2 && Math.abs(y - 16) <= 2;
                    rgb[3 * t] = sun ? 60 : 0.2f + 0.6f * up;
                    rgb[3 * t + 1] = sun ? 55 : 0.25f + 0.7f * up;
                    rgb[3 * t + 2] = sun ? 50 : 0.35f + 0.9f * up;
                }
            }
        }
        return new EnvironmentCube(LIGHT_SIZE, rgb);
    }
}
