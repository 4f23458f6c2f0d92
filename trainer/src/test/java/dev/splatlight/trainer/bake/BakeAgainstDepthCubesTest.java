package dev.splatlight.trainer.bake;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.OcclusionVolume;
import dev.splatlight.core.light.ReferenceEnvironment;
import dev.splatlight.core.light.ReferenceShading;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.core.testing.ReferenceSphericalHarmonics;
import dev.splatlight.core.testing.VulkanTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/**
 * Our bake (ray-marching the Gaussians near each probe, 384 directions) against the straightforward method GS-IR
 * uses — six depth images per probe rendered by the splat rasterizer (here 32² each), a direction visible where
 * nothing covers it (opacity < 0.5) or the alpha-blended hit lies beyond the threshold, projected onto SH — and both
 * against the exact visibility of the surfaces the Gaussians stand for: a sphere resting on a floor, probes in the
 * open near the contact, where occlusion matters. Figures printed, recorded in docs/bake.md.
 */
@VulkanTest
class BakeAgainstDepthCubesTest {
    private static final int CUBE = 32;

    /** Flat Gaussians on a sphere of radius 0.4 and on the floor z = −0.45 beneath it. */
    static GaussianCloud sphereOnFloor(Random random) {
        int sphere = 2500, floor = 2500;
        GaussianCloud cloud = new GaussianCloud(sphere + floor);
        for (int i = 0; i < sphere + floor; i++) {
            double[] n;
            double[] p;
            if (i < sphere) {
                n = ReferenceEnvironment.normalize(new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()});
                p = new double[] {0.4 * n[0], 0.4 * n[1], 0.4 * n[2] - 0.05};
            } else {
                n = new double[] {0, 0, 1};
                p = new double[] {1.6 * random.nextDouble() - 0.8, 1.6 * random.nextDouble() - 0.8, -0.45};
            }
            // rotation taking +z to n: axis z × n, angle acos(n_z), as a quaternion (w, x, y, z)
            double w = Math.sqrt(Math.max(0, (1 + n[2]) / 2)), s = Math.sqrt(Math.max(0, (1 - n[2]) / 2));
            double axisLength = Math.hypot(n[0], n[1]);
            float[] q = axisLength < 1e-9 ? new float[] {1, 0, 0, 0}
                    : new float[] {(float) w, (float) (-n[1] / axisLength * s), (float) (n[0] / axisLength * s), 0};
            System.arraycopy(q, 0, cloud.rotations, 4 * i, 4);
            for (int k = 0; k < 3; k++) {
                cloud.means[3 * i + k] = (float) p[k];
                cloud.normals[3 * i + k] = (float) n[k];
            }
            cloud.logScales[3 * i] = cloud.logScales[3 * i + 1] = (float) Math.log(0.03);
            cloud.logScales[3 * i + 2] = (float) Math.log(0.003);
            cloud.opacityLogits[i] = 4f;
        }
        return cloud;
    }

    @Test
    void rayMarchedProbesAreCloserToTheTrueVisibilityThanDepthCubes(Gpu gpu) {
        Random random = new Random(11);
        GaussianCloud cloud = sphereOnFloor(random);
        BakeSettings settings = new BakeSettings(48, 1.0f, 0.25f, 0, 0); // no near cut: both methods see everything
        List<Integer> probes = new ArrayList<>();
        try (OcclusionBaker baker = new OcclusionBaker(gpu);
             SplatRasterizer rasterizer = new SplatRasterizer(gpu, 3);
             GaussianBuffers splats = GaussianBuffers.uploadWithNormals(gpu, cloud)) {
            OcclusionVolume volume = baker.bake(cloud, settings, (done, total) -> { });
            for (int p = 0; p < volume.probes(); p++) { // in the open near the contact ring, where occlusion varies most
                double[] o = ReferenceOcclusionBake.probePosition(volume.cells()[p], settings);
                double fromSphere = Math.sqrt(o[0] * o[0] + o[1] * o[1] + (o[2] + 0.05) * (o[2] + 0.05)) - 0.4;
                if (fromSphere > 0.02 && o[2] + 0.45 > 0.02 && o[2] < -0.2 && Math.hypot(o[0], o[1]) < 0.6) {
                    probes.add(p);
                }
            }
            java.util.Collections.shuffle(probes, random);
            probes = probes.subList(0, Math.min(40, probes.size()));
            assertTrue(probes.size() >= 20, "probes near the contact: " + probes.size());
            double[] coefficientError = new double[2], visibilityError = new double[2];
            for (int p : probes) {
                double[] o = ReferenceOcclusionBake.probePosition(volume.cells()[p], settings);
                double[] truth = analyticCoefficients(o, settings.threshold());
                double[] ours = new double[16];
                for (int k = 0; k < 16; k++) {
                    ours[k] = volume.coefficients()[16 * p + k];
                }
                double[][] methods = {ours, depthCubeCoefficients(rasterizer, splats, o, settings.threshold())};
                for (int m = 0; m < 2; m++) {
                    for (int k = 0; k < 16; k++) {
                        coefficientError[m] += Math.abs(methods[m][k] - truth[k]) / (16.0 * probes.size());
                    }
                    for (double[] n : NORMALS) {
                        visibilityError[m] += Math.abs(ReferenceShading.visibility(methods[m], n)
                                - ReferenceShading.visibility(truth, n)) / (NORMALS.length * probes.size());
                    }
                }
            }
            System.out.printf("[bake vs depth cubes] %d probes 0.02-0.25 from a sphere on a floor; against the analytic "
                    + "visibility: mean |Δ SH coefficient| ours %.4f, depth cubes %.4f (Y00 of a clear sky: %.3f); mean |Δ "
                    + "occlusion term| ours %.4f, depth cubes %.4f%n", probes.size(), coefficientError[0], coefficientError[1],
                    2 * Math.sqrt(Math.PI), visibilityError[0], visibilityError[1]);
            assertTrue(coefficientError[0] < coefficientError[1] && visibilityError[0] < visibilityError[1],
                    "the ray march is the closer of the two");
            assertTrue(visibilityError[0] < 0.1, "occlusion terms within 0.1 of the truth on average: " + visibilityError[0]);
        }
    }

    /**
     * What shading reads: the occlusion term at surface points that nothing within the threshold hides (the sphere's
     * upper half, the floor more than 0.25 from the sphere) is close to 1 (not exactly: degree-3 SH ring at the
     * horizon of the surface the probe stands on). Measured 0.996 mean, 0.989 lowest with the default near cut (0.957
     * and 0.946 with GS-IR's 1.5 spacings). Trio's open surfaces read 0.47 on
     * average before the near cut, the margin and skipping inside probes (docs/bake.md); this scene's thin, opaque
     * shell does not show those failures (0.965 without the near cut), so it guards the query, not those fixes.
     */
    @Test
    void openSurfacesAreUnoccluded(Gpu gpu) {
        GaussianCloud cloud = sphereOnFloor(new Random(5));
        BakeSettings settings = BakeSettings.withDefaultNear(48, 1.0f, 0.25f, BakeSettings.OBJECT_SCENE.dilation());
        try (OcclusionBaker baker = new OcclusionBaker(gpu)) {
            OcclusionVolume volume = baker.bake(cloud, settings, (done, total) -> { });
            Random random = new Random(6);
            double sum = 0, lowest = 1;
            int points = 200;
            for (int i = 0; i < points; i++) {
                double[] p, n;
                if (i % 2 == 0) { // upper half of the sphere, outward normal
                    n = ReferenceEnvironment.normalize(new double[] {random.nextGaussian(), random.nextGaussian(),
                            Math.abs(random.nextGaussian()) + 0.3});
                    p = new double[] {0.4 * n[0], 0.4 * n[1], 0.4 * n[2] - 0.05};
                } else { // floor ring 0.62–0.78 from the axis: the sphere is ≥ 0.33 away
                    double r = 0.62 + 0.16 * random.nextDouble(), phi = 2 * Math.PI * random.nextDouble();
                    p = new double[] {r * Math.cos(phi), r * Math.sin(phi), -0.45};
                    n = new double[] {0, 0, 1};
                }
                double v = ReferenceShading.occlusion(p, n, volume);
                sum += v;
                lowest = Math.min(lowest, v);
            }
            System.out.printf("[open surfaces] occlusion term at %d unhidden surface points: mean %.3f, lowest %.3f%n", points,
                    sum / points, lowest);
            assertTrue(sum / points > 0.97, "mean occlusion term of open surfaces: " + sum / points);
            assertTrue(lowest > 0.95, "lowest occlusion term of open surfaces: " + lowest);
        }
    }

    private static final double[][] NORMALS = {{0, 0, 1}, {1, 0, 0}, {-0.6, 0, 0.8}, {0, 0.8, 0.6}};

    /** The visibility of the surfaces the Gaussians stand for (sphere and floor square), on a 6×32² cube of directions. */
    private static double[] analyticCoefficients(double[] o, double threshold) {
        double[] coefficients = new double[16];
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < CUBE; y++) {
                for (int x = 0; x < CUBE; x++) {
                    double[] d = ReferenceEnvironment.texelDirection(face, x, y, CUBE);
                    double hit = Double.POSITIVE_INFINITY;
                    double[] oc = {o[0], o[1], o[2] + 0.05}; // sphere centre (0, 0, −0.05), radius 0.4
                    double b = ReferenceEnvironment.dot(oc, d), c = ReferenceEnvironment.dot(oc, oc) - 0.16;
                    double disc = b * b - c;
                    if (disc >= 0 && -b - Math.sqrt(disc) > 0) {
                        hit = -b - Math.sqrt(disc);
                    }
                    if (d[2] < 0) {
                        double t = (-0.45 - o[2]) / d[2];
                        if (Math.abs(o[0] + t * d[0]) <= 0.8 && Math.abs(o[1] + t * d[1]) <= 0.8) {
                            hit = Math.min(hit, t);
                        }
                    }
                    if (hit > threshold) {
                        double[] basis = ReferenceSphericalHarmonics.basis(3, d[0], d[1], d[2]);
                        double solidAngle = ReferenceEnvironment.texelSolidAngle(x, y, CUBE);
                        for (int k = 0; k < 16; k++) {
                            coefficients[k] += basis[k] * solidAngle;
                        }
                    }
                }
            }
        }
        return coefficients;
    }

    /** GS-IR's method: six 90° depth renders from the probe, V per texel, projected with exact solid angles. */
    private static double[] depthCubeCoefficients(SplatRasterizer rasterizer, GaussianBuffers splats, double[] probe,
                                                  double threshold) {
        double[] coefficients = new double[16];
        for (int face = 0; face < 6; face++) {
            double[] forward = ReferenceEnvironment.cubeDirection(face, 0, 0);
            double[] right = subtract(ReferenceEnvironment.cubeDirection(face, 1, 0), forward);
            double[] down = subtract(ReferenceEnvironment.cubeDirection(face, 0, 1), forward);
            Matrix4f viewFromWorld = new Matrix4f(
                    (float) right[0], (float) down[0], (float) forward[0], 0,
                    (float) right[1], (float) down[1], (float) forward[1], 0,
                    (float) right[2], (float) down[2], (float) forward[2], 0,
                    0, 0, 0, 1).translate((float) -probe[0], (float) -probe[1], (float) -probe[2]);
            Camera camera = new Camera(CUBE, CUBE, CUBE / 2f, CUBE / 2f, CUBE / 2f, CUBE / 2f, viewFromWorld);
            RasterTargets targets = rasterizer.render(splats, camera, new RasterSettings(0, new Vector3f(), 0.001f));
            float[] depth = targets.read(targets.depth, 1), opacity = targets.read(targets.opacity, 1);
            for (int y = 0; y < CUBE; y++) {
                for (int x = 0; x < CUBE; x++) {
                    int p = y * CUBE + x;
                    double s = (x + 0.5) * 2.0 / CUBE - 1, t = (y + 0.5) * 2.0 / CUBE - 1;
                    double distance = depth[p] * Math.sqrt(1 + s * s + t * t); // camera z → distance along the ray
                    if (opacity[p] < 0.5 || distance > threshold) {
                        double[] d = ReferenceEnvironment.texelDirection(face, x, y, CUBE);
                        double[] basis = ReferenceSphericalHarmonics.basis(3, d[0], d[1], d[2]);
                        double solidAngle = ReferenceEnvironment.texelSolidAngle(x, y, CUBE);
                        for (int k = 0; k < 16; k++) {
                            coefficients[k] += basis[k] * solidAngle;
                        }
                    }
                }
            }
        }
        return coefficients;
    }

    private static double[] subtract(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }
}
