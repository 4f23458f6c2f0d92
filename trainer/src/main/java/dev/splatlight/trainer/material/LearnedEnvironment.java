package dev.splatlight.trainer.material;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.core.light.CubeChain;
import dev.splatlight.core.light.EnvironmentBuilder;
import dev.splatlight.core.light.EnvironmentLight;
import dev.splatlight.shaders.ShaderProgram;
import dev.splatlight.trainer.loss.LossTerms;
import dev.splatlight.trainer.optim.AdamGroup;
import dev.splatlight.trainer.optim.AdamStep;

/**
 * The learned cubemap light of the material stage (design.md §1.3), parameterised by log radiance θ and
 * {@link SunLobes}: level 0 of an {@link EnvironmentLight}'s radiance chain is exp θ plus the lobes, and its mips,
 * prefiltered chain and irradiance cube are rebuilt from it after every update. The backward pass runs the adjoint of
 * each of those steps, in reverse: prefiltered and irradiance gradients → chain gradients → level 0 → θ and lobes. (GS-IR learns radiance directly, clamped ≥ 0; with
 * Adam's fixed step sizes a sun 30,000 times brighter than the sky, as in our datasets, is then out of reach, and
 * the albedo absorbs the difference.)
 */
public final class LearnedEnvironment implements AutoCloseable {
    private static final int GROUP = 64;
    private final CubeChain chain;
    private final int specularSamples;
    private final ResourceScope resources = new ResourceScope("learned environment");
    private final EnvironmentLight light;
    private final EnvironmentBuilder builder;
    public final GpuBuffer gradPrefiltered;      // [chain texels, 3]
    public final GpuBuffer gradIrradiance;       // [6, s, s, 3]
    private final GpuBuffer gradChain;           // [chain texels, 3]
    private final GpuBuffer normalisedGrad;      // [6, s, s, 3] scratch of the last level's adjoint
    private final AdamGroup theta;               // [6, base, base, 3] θ, the parameter, with ∂L/∂θ and Adam's moments
    private final SunLobes lobes;
    private final ComputeKernel prefilterBackward;
    private final ComputeKernel summedNormalise;
    private final ComputeKernel smallestBackward;
    private final ComputeKernel downsampleBackward;
    private final ComputeKernel smoothness;
    private final ComputeKernel exponential;

    /** A light without sun lobes. */
    public LearnedEnvironment(Gpu gpu, int baseSize, float[] logLevel0, float[] moments, int specularSamples) {
        this(gpu, baseSize, logLevel0, moments, new float[0], null, specularSamples);
    }

    /**
     * @param logLevel0 initial θ = log radiance [6, base, base, 3]; @param moments [2, 6·base², 3] or null
     * @param sunLobes  [K, 8] ({@link SunLobes}); @param sunLobeMoments [2, K·8] or null
     */
    public LearnedEnvironment(Gpu gpu, int baseSize, float[] logLevel0, float[] moments, float[] sunLobes,
                              float[] sunLobeMoments, int specularSamples) {
        this.chain = CubeChain.standard(baseSize);
        this.specularSamples = specularSamples;
        int smallest = 3 * chain.levelTexels(chain.levels() - 1);
        try {
            light = resources.own(new EnvironmentLight(gpu, "learned", chain));
            builder = resources.own(new EnvironmentBuilder(gpu, specularSamples));
            gradPrefiltered = resources.own(GpuBuffer.create(gpu, "∂L/∂prefiltered [chain, 3] f32", chain.bytes(), MemoryKind.DEVICE));
            gradIrradiance = resources.own(GpuBuffer.create(gpu, "∂L/∂irradiance cube [6, s, s, 3] f32", 4L * smallest, MemoryKind.DEVICE));
            gradChain = resources.own(GpuBuffer.create(gpu, "∂L/∂radiance chain [chain, 3] f32", chain.bytes(), MemoryKind.DEVICE));
            normalisedGrad = resources.own(GpuBuffer.create(gpu, "∂L/∂last level ÷ W [6, s, s, 3] f32", 4L * smallest, MemoryKind.DEVICE));
            theta = resources.own(new AdamGroup(gpu, "environment log radiance [6, b, b, 3]", logLevel0, moments));
            lobes = resources.own(new SunLobes(gpu, sunLobes, sunLobeMoments, baseSize));
            SpecializationConstants none = SpecializationConstants.none();
            prefilterBackward = resources.own(ComputeKernel.create(gpu, ShaderProgram.PREFILTER_SPECULAR_BACKWARD, none));
            summedNormalise = resources.own(ComputeKernel.create(gpu, ShaderProgram.PREFILTER_SUMMED_NORMALISE, none));
            smallestBackward = resources.own(ComputeKernel.create(gpu, ShaderProgram.ENVIRONMENT_SMALLEST_BACKWARD, none));
            downsampleBackward = resources.own(ComputeKernel.create(gpu, ShaderProgram.CUBE_DOWNSAMPLE_BACKWARD, none));
            smoothness = resources.own(ComputeKernel.create(gpu, ShaderProgram.ENVIRONMENT_TV, none));
            exponential = resources.own(ComputeKernel.create(gpu, ShaderProgram.ENVIRONMENT_EXP, none));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** GS-IR's start's radiance level: its texels are uniform in [0.25, 0.75]. */
    public static final double GS_IR_LEVEL = 0.5;

    /** GS-IR's start scaled to {@code level}, as θ: every texel's radiance uniform in level × [0.5, 1.5]. */
    public static float[] initialLogRadiance(int baseSize, java.util.Random random, double level) {
        float[] level0 = new float[18 * baseSize * baseSize];
        for (int i = 0; i < level0.length; i++) {
            level0[i] = (float) Math.log(level * (0.5 + random.nextDouble()));
        }
        return level0;
    }

    public EnvironmentLight light() {
        return light;
    }

    public CubeChain chain() {
        return chain;
    }

    /** Level 0 = exp θ + the sun lobes, then its mips, prefiltered chain and irradiance. */
    public void recordForward(CommandRecorder commands) {
        int texels = chain.levelTexels(0);
        commands.dispatch(exponential.call().buffer("LogRadiance", theta.values)
                .buffer("Radiance", light.radiance(), 0, 12L * texels).buffer("SunLobes", lobes.buffer()).pushInts(chain.baseSize(), lobes.count())
                .pushFloat((float) SunLobes.maxSharpness(chain.baseSize())), groups(texels));
        commands.barrier();
        builder.recordMips(commands, light);
    }

    public void recordZeroGradients(CommandRecorder commands) {
        commands.fill(gradPrefiltered, 0);
        commands.fill(gradIrradiance, 0);
        commands.fill(gradChain, 0);
        lobes.recordZeroGradients(commands);
    }

    /**
     * Records ∂L/∂θ and ∂L/∂(sun lobes) from {@link #gradPrefiltered} and {@link #gradIrradiance}, plus the smoothness
     * term of weight {@code smoothnessWeight} (its value summed into {@code terms}), which acts on θ alone.
     */
    public void recordBackward(CommandRecorder commands, float smoothnessWeight, LossTerms terms) {
        int last = chain.levels() - 1;
        for (int level = 0; level < last; level++) {
            commands.dispatch(prefilterBackward.call().buffer("GradPrefiltered", gradPrefiltered).buffer("GradChain", gradChain)
                    .pushInts(chain.baseSize(), chain.levels(), level, specularSamples), groups(chain.levelTexels(level)));
        }
        commands.dispatch(summedNormalise.call().buffer("GradPrefiltered", gradPrefiltered).buffer("NormalisedGrad", normalisedGrad)
                .pushInts(chain.baseSize(), chain.levels()), groups(chain.levelTexels(last)));
        commands.barrier();
        commands.dispatch(smallestBackward.call().buffer("NormalisedGrad", normalisedGrad).buffer("GradIrradianceCube", gradIrradiance)
                .buffer("GradChain", gradChain).pushInts(chain.baseSize(), chain.levels()), groups(chain.levelTexels(last)));
        commands.barrier();
        for (int level = last; level >= 1; level--) {
            commands.dispatch(downsampleBackward.call().buffer("GradChain", gradChain)
                    .pushInts(chain.size(level - 1), chain.levelOffset(level - 1), chain.levelOffset(level)),
                    groups(chain.levelTexels(level - 1)));
            commands.barrier();
        }
        long level0 = 12L * chain.levelTexels(0);
        lobes.recordBackward(commands, gradChain);
        commands.dispatch(smoothness.call().buffer("LogRadiance", theta.values).buffer("GradChain", gradChain, 0, level0)
                .buffer("GradLogRadiance", theta.gradients).buffer("LossTerms", terms.buffer()).pushInt(chain.baseSize()).pushFloat(smoothnessWeight),
                groups(chain.levelTexels(0)));
    }

    /** Adam on θ and the sun lobes. */
    public void recordAdam(CommandRecorder commands, AdamStep adam, float learningRate, int t) {
        theta.recordAdam(commands, adam, 3, learningRate, t);
        lobes.recordAdam(commands, adam, learningRate, t);
    }

    public SunLobes sunLobes() {
        return lobes;
    }

    /** ∂L/∂θ of the last backward pass (waits for the GPU). */
    public float[] downloadLogRadianceGradient() {
        return theta.gradients.readFloats(theta.floats());
    }

    /** θ [6, base, base, 3] (waits for the GPU). */
    public float[] downloadLogRadiance() {
        return theta.downloadValues();
    }

    /** Level 0 radiance [6, base, base, 3] (waits for the GPU). */
    public float[] downloadRadiance() {
        return light.radiance().readFloats(3 * chain.levelTexels(0));
    }

    /** Adam's moments [2, 6·base², 3] (waits for the GPU). */
    public float[] downloadMoments() {
        return theta.downloadMoments();
    }

    private static int groups(int texels) {
        return (texels + GROUP - 1) / GROUP;
    }

    @Override
    public void close() {
        resources.close();
    }
}
