package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.VK10.*;

import dev.splatlight.shaders.ShaderProgram;
import java.nio.LongBuffer;
import java.util.List;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkGraphicsPipelineCreateInfo;
import org.lwjgl.vulkan.VkPipelineColorBlendAttachmentState;
import org.lwjgl.vulkan.VkPipelineColorBlendStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineDepthStencilStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineDynamicStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineInputAssemblyStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineMultisampleStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineRasterizationStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineRenderingCreateInfo;
import org.lwjgl.vulkan.VkPipelineShaderStageCreateInfo;
import org.lwjgl.vulkan.VkPipelineVertexInputStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineViewportStateCreateInfo;
import org.lwjgl.vulkan.VkVertexInputAttributeDescription;
import org.lwjgl.vulkan.VkVertexInputBindingDescription;

/**
 * A triangle pipeline for dynamic rendering: one interleaved vertex buffer, a push descriptor set (uniform buffers and
 * sampled textures) and push constants, both visible to the vertex and fragment stages, no culling (two-sided
 * surfaces), dynamic viewport and scissor. Either opaque and depth-tested with reversed depth (greater is nearer: the
 * mesh G-buffer), or alpha-blended over the target without depth (the UI overlay).
 */
public final class GraphicsPipeline implements AutoCloseable {
    /** One vertex attribute: its shader location is its index in the list. */
    public record Attribute(int format, int offset) {
    }

    /**
     * What the pipeline is made of. {@code bindings}: the descriptor type of each binding number 0, 1, …;
     * {@code depthFormat} VK_FORMAT_UNDEFINED for none; {@code alphaBlend}: premultiplied-free "over" blending of
     * every colour attachment (source alpha), else colours are written as they are.
     */
    public record Description(String name, ShaderProgram vertex, ShaderProgram fragment, int vertexStride,
                              List<Attribute> attributes, List<Integer> bindings, int pushConstantBytes,
                              List<Integer> colorFormats, int depthFormat, boolean alphaBlend) {
    }

    /** The stages push constants and descriptors are visible to; {@link DrawRecorder} pushes with the same. */
    static final int STAGES = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;

    private final Gpu gpu;
    private final String name;
    private final long setLayout;
    private final long pipelineLayout;
    private final long pipeline;
    private boolean closed;

    private GraphicsPipeline(Gpu gpu, String name, long setLayout, long pipelineLayout, long pipeline) {
        this.gpu = gpu;
        this.name = name;
        this.setLayout = setLayout;
        this.pipelineLayout = pipelineLayout;
        this.pipeline = pipeline;
    }

    public static GraphicsPipeline create(Gpu gpu, Description d) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            LongBuffer out = stack.mallocLong(1);
            int stages = STAGES;
            int[] bindings = java.util.stream.IntStream.range(0, d.bindings().size()).toArray();
            long setLayout = PushDescriptorLayouts.setLayout(gpu, bindings, d.bindings().stream().mapToInt(Integer::intValue).toArray(),
                    stages, d.name() + " set layout", stack);
            long pipelineLayout = VK_NULL_HANDLE, vertexModule = VK_NULL_HANDLE, fragmentModule = VK_NULL_HANDLE;
            try { // everything made so far is destroyed again if a later step fails (destroying VK_NULL_HANDLE is a no-op)
                pipelineLayout = PushDescriptorLayouts.pipelineLayout(gpu, setLayout, d.pushConstantBytes(), stages,
                        d.name() + " pipeline layout", stack);
                vertexModule = ShaderModules.create(gpu, d.vertex(), d.vertex().spirv());
                fragmentModule = ShaderModules.create(gpu, d.fragment(), d.fragment().spirv());
                VkPipelineShaderStageCreateInfo.Buffer shaderStages = VkPipelineShaderStageCreateInfo.calloc(2, stack);
                shaderStages.get(0).sType$Default().stage(VK_SHADER_STAGE_VERTEX_BIT).module(vertexModule).pName(stack.UTF8("main"));
                shaderStages.get(1).sType$Default().stage(VK_SHADER_STAGE_FRAGMENT_BIT).module(fragmentModule).pName(stack.UTF8("main"));
                VkVertexInputAttributeDescription.Buffer attributes = VkVertexInputAttributeDescription.calloc(d.attributes().size(), stack);
                for (int i = 0; i < d.attributes().size(); i++) {
                    attributes.get(i).location(i).binding(0).format(d.attributes().get(i).format()).offset(d.attributes().get(i).offset());
                }
                VkPipelineColorBlendAttachmentState.Buffer blend = VkPipelineColorBlendAttachmentState.calloc(d.colorFormats().size(), stack);
                for (int i = 0; i < d.colorFormats().size(); i++) {
                    blend.get(i).colorWriteMask(VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT
                            | VK_COLOR_COMPONENT_A_BIT);
                    if (d.alphaBlend()) {
                        blend.get(i).blendEnable(true).srcColorBlendFactor(VK_BLEND_FACTOR_SRC_ALPHA)
                                .dstColorBlendFactor(VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA).colorBlendOp(VK_BLEND_OP_ADD)
                                .srcAlphaBlendFactor(VK_BLEND_FACTOR_ONE).dstAlphaBlendFactor(VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA)
                                .alphaBlendOp(VK_BLEND_OP_ADD);
                    }
                }
                var formats = stack.mallocInt(d.colorFormats().size());
                d.colorFormats().forEach(formats::put);
                formats.flip();
                VkPipelineRenderingCreateInfo rendering = VkPipelineRenderingCreateInfo.calloc(stack).sType$Default()
                        .colorAttachmentCount(d.colorFormats().size()).pColorAttachmentFormats(formats).depthAttachmentFormat(d.depthFormat());
                VkGraphicsPipelineCreateInfo.Buffer info = VkGraphicsPipelineCreateInfo.calloc(1, stack).sType$Default()
                        .pNext(rendering.address()).pStages(shaderStages)
                        .pVertexInputState(VkPipelineVertexInputStateCreateInfo.calloc(stack).sType$Default()
                                .pVertexBindingDescriptions(VkVertexInputBindingDescription.calloc(1, stack).binding(0)
                                        .stride(d.vertexStride()).inputRate(VK_VERTEX_INPUT_RATE_VERTEX))
                                .pVertexAttributeDescriptions(attributes))
                        .pInputAssemblyState(VkPipelineInputAssemblyStateCreateInfo.calloc(stack).sType$Default()
                                .topology(VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST))
                        .pViewportState(VkPipelineViewportStateCreateInfo.calloc(stack).sType$Default().viewportCount(1).scissorCount(1))
                        .pRasterizationState(VkPipelineRasterizationStateCreateInfo.calloc(stack).sType$Default()
                                .polygonMode(VK_POLYGON_MODE_FILL).cullMode(VK_CULL_MODE_NONE)
                                .frontFace(VK_FRONT_FACE_COUNTER_CLOCKWISE).lineWidth(1))
                        .pMultisampleState(VkPipelineMultisampleStateCreateInfo.calloc(stack).sType$Default()
                                .rasterizationSamples(VK_SAMPLE_COUNT_1_BIT))
                        .pDepthStencilState(d.depthFormat() == VK_FORMAT_UNDEFINED ? null
                                : VkPipelineDepthStencilStateCreateInfo.calloc(stack).sType$Default()
                                        .depthTestEnable(true).depthWriteEnable(true).depthCompareOp(VK_COMPARE_OP_GREATER))
                        .pColorBlendState(VkPipelineColorBlendStateCreateInfo.calloc(stack).sType$Default().pAttachments(blend))
                        .pDynamicState(VkPipelineDynamicStateCreateInfo.calloc(stack).sType$Default()
                                .pDynamicStates(stack.ints(VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR)))
                        .layout(pipelineLayout);
                Vk.check(vkCreateGraphicsPipelines(gpu.device(), VK_NULL_HANDLE, info, null, out),
                        "vkCreateGraphicsPipelines(" + d.name() + ")");
                GraphicsPipeline created = new GraphicsPipeline(gpu, d.name(), setLayout, pipelineLayout, out.get(0));
                gpu.register(created, d.name() + " pipeline");
                return created;
            } catch (RuntimeException e) {
                vkDestroyPipelineLayout(gpu.device(), pipelineLayout, null);
                vkDestroyDescriptorSetLayout(gpu.device(), setLayout, null);
                throw e;
            } finally {
                vkDestroyShaderModule(gpu.device(), vertexModule, null);
                vkDestroyShaderModule(gpu.device(), fragmentModule, null);
            }
        }
    }

    long pipeline() {
        return pipeline;
    }

    long layout() {
        return pipelineLayout;
    }

    public String name() {
        return name;
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
