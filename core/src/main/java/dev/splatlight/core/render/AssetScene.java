package dev.splatlight.core.render;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.light.CubeChain;
import dev.splatlight.core.light.DfgTable;
import dev.splatlight.core.light.EnvironmentBuilder;
import dev.splatlight.core.light.EnvironmentCube;
import dev.splatlight.core.light.EnvironmentLight;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.light.OcclusionBuffers;
import dev.splatlight.core.light.SceneReflections;
import dev.splatlight.core.mesh.MeshMaterial;
import dev.splatlight.core.splat.CentredCube;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import java.util.WeakHashMap;
import java.util.Map;
import org.joml.Vector3f;

/**
 * A relightable asset (or a plain 3DGS one, as clay) resident on the GPU: the Gaussians with their G-buffer features (normal, albedo, roughness,
 * metallic), the occlusion and irradiance volumes, the learned light (prefiltered) and the DFG table — what
 * {@link SceneRenderer} shades, in the trainer's evaluation and in the viewer alike.
 */
public final class AssetScene implements AutoCloseable {
    private final RelightableAsset asset;
    private final ResourceScope resources = new ResourceScope("asset scene");
    private final GaussianBuffers splats;
    private final DfgTable dfg;
    private final OcclusionBuffers occlusion;
    private final GpuBuffer irradiance;
    private final EnvironmentLight learnedLight;
    private final EnvironmentBuilder builder;
    private final Map<EnvironmentLight, double[]> meanRadiance = new WeakHashMap<>(); // by identity; lights stay constant once built
    private final Gpu gpu;
    private SceneReflections reflections; // built on first use

    /** An asset without a material (a plain 3DGS file) is shaded as grey clay: albedo 0.5, roughness 0.5, dielectric. */
    public AssetScene(Gpu gpu, RelightableAsset asset) {
        this.asset = asset;
        this.gpu = gpu;
        try {
            splats = resources.own(GaussianBuffers.upload(gpu, asset.gaussians(), features(asset)));
            dfg = resources.own(new DfgTable(gpu));
            builder = resources.own(new EnvironmentBuilder(gpu));
            occlusion = asset.occlusion() == null ? null : resources.own(new OcclusionBuffers(gpu, asset.occlusion()));
            irradiance = asset.irradiance() == null ? null
                    : resources.own(GpuBuffer.withFloats(gpu, "irradiance volume [res³, 9] f32", asset.irradiance().coefficients()));
            if (asset.environment() != null) {
                learnedLight = resources.own(new EnvironmentLight(gpu, "asset light", CubeChain.standard(asset.environment().size())));
                learnedLight.radiance().uploadFloats(asset.environment().rgb());
                gpu.submitAndWait(commands -> builder.recordMips(commands, learnedLight));
            } else {
                learnedLight = null;
            }
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** [N, 8] features: the learned normal (or the shortest axis where there is none), then albedo, roughness, metallic. */
    static float[] features(RelightableAsset asset) {
        int n = asset.gaussians().count();
        RelightableAsset.Material m = asset.material();
        float[] features = new float[GBufferShader.GBUFFER_CHANNELS * n];
        float[] normals = ShortestAxisNormals.fill(asset.gaussians()); // plain 3DGS files carry zero normals
        for (int i = 0; i < n; i++) {
            int o = GBufferShader.GBUFFER_CHANNELS * i;
            System.arraycopy(normals, 3 * i, features, o, 3);
            if (m == null) {
                features[o + 3] = features[o + 4] = features[o + 5] = MeshMaterial.CLAY_ALBEDO;
                features[o + 6] = MeshMaterial.CLAY_ROUGHNESS;
                continue;
            }
            System.arraycopy(m.albedo(), 3 * i, features, o + 3, 3);
            features[o + 6] = m.roughness()[i];
            features[o + 7] = m.metallic()[i];
        }
        return features;
    }

    public RelightableAsset asset() {
        return asset;
    }

    public GaussianBuffers splats() {
        return splats;
    }

    /** The environment builder this scene uses (to load HDRIs into lights shading it). */
    public EnvironmentBuilder builder() {
        return builder;
    }

    /** The split-sum DFG table the scene shades with. */
    public DfgTable dfg() {
        return dfg;
    }

    /** The asset's baked occlusion on the GPU, or null. */
    public OcclusionBuffers occlusion() {
        return occlusion;
    }

    /** The asset's learned light, or null. */
    public EnvironmentLight learnedLight() {
        return learnedLight;
    }

    /**
     * The light to shade with: {@code environment} (the learned one or an HDRI), the asset's occlusion (of the specular
     * lobe too where the asset was learned so), and its indirect light only when {@code indirect}: as learned under
     * the learned light, and under another scaled by {@link #indirectScale}.
     */
    public GBufferShader.Light light(EnvironmentLight environment, boolean indirect) {
        GBufferShader.IndirectLight indirectLight = indirect && irradiance != null
                ? new GBufferShader.IndirectLight(irradiance, asset.irradiance().resolution(), asset.irradiance().bound(),
                        indirectScale(environment)) : null;
        return new GBufferShader.Light(environment, dfg, occlusion, indirectLight, asset.specularOcclusion());
    }

    /** As {@link #light(EnvironmentLight, boolean)}, with the scene's reflections in its glossy surfaces traced when {@code traced}. */
    public GBufferShader.Light light(EnvironmentLight environment, boolean indirect, boolean traced) {
        GBufferShader.Light light = light(environment, indirect);
        return traced ? light.withReflections(reflections()) : light;
    }

    /**
     * The Gaussians gridded for tracing reflections (built on first use): over the occlusion volume's bound, or where
     * there is none the cube holding 99 % of the Gaussian centres on every axis.
     */
    public SceneReflections reflections() {
        if (reflections == null) {
            float bound = asset.occlusion() != null ? asset.occlusion().bound() : centreBound(asset.gaussians());
            reflections = resources.own(new SceneReflections(gpu, asset.gaussians(), splats.features, bound));
        }
        return reflections;
    }

    /** The half-width of the origin-centred cube holding 99 % of the centres (at least 1e-3; 1 without Gaussians). */
    private static float centreBound(GaussianCloud cloud) {
        return cloud.count() == 0 ? 1 : Math.max(1e-3f, CentredCube.halfWidthCovering(cloud.means, 0.99));
    }

    /**
     * The indirect light's RGB scale under {@code environment}: 1 under the learned light, under another the ratio of
     * the two lights' mean radiance per channel. The indirect light is what the neighbours bounce, learned under the
     * training light; to first order it scales with the light that reaches them (GS-IR leaves it out when relighting).
     */
    public Vector3f indirectScale(EnvironmentLight environment) {
        if (environment == learnedLight || learnedLight == null) {
            return new Vector3f(1);
        }
        double[] learned = meanRadiance(learnedLight), other = meanRadiance(environment);
        return new Vector3f((float) (other[0] / Math.max(learned[0], 1e-12)), (float) (other[1] / Math.max(learned[1], 1e-12)),
                (float) (other[2] / Math.max(learned[2], 1e-12)));
    }

    /** Mean radiance over the sphere per channel, from the light's irradiance cube (its constant term is the mean), cached. */
    private double[] meanRadiance(EnvironmentLight light) {
        return meanRadiance.computeIfAbsent(light, l -> {
            int size = l.chain().smallestSize();
            double[] energy = new EnvironmentCube(size, l.irradiance().readFloats(18 * size * size)).energy();
            return new double[] {energy[0] / (4 * Math.PI), energy[1] / (4 * Math.PI), energy[2] / (4 * Math.PI)};
        });
    }

    @Override
    public void close() {
        resources.close();
    }
}
