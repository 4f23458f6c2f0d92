package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.VK10.*;
import static org.lwjgl.vulkan.VK13.VK_PIPELINE_SHADER_STAGE_CREATE_REQUIRE_FULL_SUBGROUPS_BIT;

import dev.splatlight.core.gpu.reflect.ReflectedBinding;
import dev.splatlight.core.gpu.reflect.SpirvReflection;
import dev.splatlight.shaders.ShaderProgram;
import dev.splatlight.shaders.ShaderStage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkComputePipelineCreateInfo;
import org.lwjgl.vulkan.VkPipelineShaderStageCreateInfo;
import org.lwjgl.vulkan.VkSpecializationInfo;
import org.lwjgl.vulkan.VkSpecializationMapEntry;

/**
 * A compute pipeline built from a catalogued program. Its descriptor layout (one push-descriptor set), push-constant
 * range and workgroup size come from SPIR-V reflection; callers bind resources by their GLSL names through
 * {@link #call()}.
 */
public final class ComputeKernel implements AutoCloseable {
    private final Gpu gpu;
    private final ShaderProgram program;
    private final SpirvReflection reflection;
    private final int workgroupSize;
    private final long setLayout;
    private final long pipelineLayout;
    private final long pipeline;
    private boolean closed;

    private ComputeKernel(Gpu gpu, ShaderProgram program, SpirvReflection reflection, int workgroupSize,
                          long setLayout, long pipelineLayout, long pipeline) {
        this.gpu = gpu;
        this.program = program;
        this.reflection = reflection;
        this.workgroupSize = workgroupSize;
        this.setLayout = setLayout;
        this.pipelineLayout = pipelineLayout;
        this.pipeline = pipeline;
    }

    /** A kernel specialised with the device's {@link WorkgroupShape} (constant ids 0..2). */
    public static ComputeKernel create(Gpu gpu, ShaderProgram program) {
        return create(gpu, program, gpu.workgroupShape().specialization());
    }

    public static ComputeKernel create(Gpu gpu, ShaderProgram program, SpecializationConstants constants) {
        if (program.stage() != ShaderStage.COMPUTE) {
            throw new IllegalArgumentException(program + " is not a compute program");
        }
        byte[] spirv = program.spirv();
        SpirvReflection reflection = SpirvReflection.of(spirv, program.name());
        for (ReflectedBinding binding : reflection.bindings()) {
            if (binding.set() != 0) {
                throw new IllegalStateException(program + ": binding '" + binding.name() + "' is in set " + binding.set()
                        + "; compute kernels use set 0 only (one push-descriptor set)");
            }
        }
        int workgroupSize = reflection.workgroupSizeConstantId().isPresent()
                && constants.get(reflection.workgroupSizeConstantId().getAsInt()) != null
                ? constants.get(reflection.workgroupSizeConstantId().getAsInt()) : reflection.workgroupSizeX();
        try (MemoryStack stack = MemoryStack.stackPush()) {
            List<ReflectedBinding> bindings = reflection.bindings();
            long setLayout = PushDescriptorLayouts.setLayout(gpu, bindings.stream().mapToInt(ReflectedBinding::binding).toArray(),
                    bindings.stream().mapToInt(b -> b.kind().vkType()).toArray(), VK_SHADER_STAGE_COMPUTE_BIT,
                    "vkCreateDescriptorSetLayout(" + program + ")", stack);
            long pipelineLayout = VK_NULL_HANDLE;
            try {
                pipelineLayout = PushDescriptorLayouts.pipelineLayout(gpu, setLayout, reflection.pushConstantBytes(),
                        VK_SHADER_STAGE_COMPUTE_BIT, "vkCreatePipelineLayout", stack);
                long pipeline = createPipeline(gpu, program, spirv, pipelineLayout, constants, workgroupSize, stack);
                ComputeKernel kernel = new ComputeKernel(gpu, program, reflection, workgroupSize, setLayout, pipelineLayout, pipeline);
                gpu.register(kernel, "compute kernel " + program);
                return kernel;
            } catch (RuntimeException e) {
                if (pipelineLayout != VK_NULL_HANDLE) {
                    vkDestroyPipelineLayout(gpu.device(), pipelineLayout, null);
                }
                vkDestroyDescriptorSetLayout(gpu.device(), setLayout, null);
                throw e;
            }
        }
    }

    private static long createPipeline(Gpu gpu, ShaderProgram program, byte[] spirv, long layout,
                                       SpecializationConstants constants, int workgroupSize, MemoryStack stack) {
        long module = ShaderModules.create(gpu, program, spirv);
        try {
            Map<Integer, Integer> values = constants.values();
            VkSpecializationMapEntry.Buffer entries = VkSpecializationMapEntry.calloc(values.size(), stack);
            ByteBuffer data = stack.malloc(Math.max(4, values.size() * 4));
            int i = 0;
            for (Map.Entry<Integer, Integer> entry : values.entrySet()) {
                entries.get(i).constantID(entry.getKey()).offset(i * 4).size(4);
                data.putInt(i * 4, entry.getValue());
                i++;
            }
            VkSpecializationInfo specialization = VkSpecializationInfo.calloc(stack).pMapEntries(entries).pData(data);
            // Kernels assume whole subgroups (their ballots and scans span gl_SubgroupSize lanes).
            boolean fullSubgroups = gpu.info().fullSubgroups() && workgroupSize % gpu.info().maxSubgroupSize() == 0;
            VkPipelineShaderStageCreateInfo stage = VkPipelineShaderStageCreateInfo.calloc(stack).sType$Default()
                    .flags(fullSubgroups ? VK_PIPELINE_SHADER_STAGE_CREATE_REQUIRE_FULL_SUBGROUPS_BIT : 0)
                    .stage(VK_SHADER_STAGE_COMPUTE_BIT).module(module).pName(stack.UTF8("main"))
                    .pSpecializationInfo(specialization);
            VkComputePipelineCreateInfo.Buffer info = VkComputePipelineCreateInfo.calloc(1, stack).sType$Default()
                    .stage(stage).layout(layout);
            var out = stack.mallocLong(1);
            Vk.check(vkCreateComputePipelines(gpu.device(), VK_NULL_HANDLE, info, null, out), "vkCreateComputePipelines(" + program + ")");
            gpu.nameObject(VK_OBJECT_TYPE_PIPELINE, out.get(0), program.name());
            return out.get(0);
        } finally {
            vkDestroyShaderModule(gpu.device(), module, null);
        }
    }

    /** Starts describing one dispatch: resources by name, then push constants. */
    public KernelCall call() {
        return new KernelCall(this);
    }

    public ShaderProgram program() {
        return program;
    }

    public SpirvReflection reflection() {
        return reflection;
    }

    /** Invocations per workgroup (local_size_x). */
    public int workgroupSize() {
        return workgroupSize;
    }

    long pipeline() {
        return pipeline;
    }

    long pipelineLayout() {
        return pipelineLayout;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        vkDestroyPipeline(gpu.device(), pipeline, null);
        vkDestroyPipelineLayout(gpu.device(), pipelineLayout, null);
        vkDestroyDescriptorSetLayout(gpu.device(), setLayout, null);
        gpu.unregister(this);
    }
}
