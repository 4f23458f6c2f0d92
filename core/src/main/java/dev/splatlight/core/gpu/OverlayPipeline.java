package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.KHRPushDescriptor.VK_DESCRIPTOR_SET_LAYOUT_CREATE_PUSH_DESCRIPTOR_BIT_KHR;
import static org.lwjgl.vulkan.VK10.*;

import dev.splatlight.shaders.ShaderProgram;
import java.nio.LongBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkDescriptorSetLayoutBinding;
import org.lwjgl.vulkan.VkDescriptorSetLayoutCreateInfo;
import org.lwjgl.vulkan.VkGraphicsPipelineCreateInfo;
import org.lwjgl.vulkan.VkPipelineColorBlendAttachmentState;
import org.lwjgl.vulkan.VkPipelineColorBlendStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineDynamicStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineInputAssemblyStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineLayoutCreateInfo;
import org.lwjgl.vulkan.VkPipelineMultisampleStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineRasterizationStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineRenderingCreateInfo;
import org.lwjgl.vulkan.VkPipelineShaderStageCreateInfo;
import org.lwjgl.vulkan.VkPipelineVertexInputStateCreateInfo;
import org.lwjgl.vulkan.VkPipelineViewportStateCreateInfo;
import org.lwjgl.vulkan.VkPushConstantRange;
import org.lwjgl.vulkan.VkVertexInputAttributeDescription;
import org.lwjgl.vulkan.VkVertexInputBindingDescription;

/**
 * The graphics pipeline of the viewer's UI overlay (Dear ImGui's draw lists): indexed triangles of 20-byte vertices
 * (position 2×f32, UV 2×f32, colour 4×unorm8), one texture (binding 0, a push descriptor), a 16-byte push-constant
 * transform, alpha blending, dynamic viewport and scissor, drawn with dynamic rendering into one colour format.
 */
public final class OverlayPipeline implements AutoCloseable {
    public static final int VERTEX_BYTES = 20;
    private final Gpu gpu;
    private final long setLayout;
    private final long pipelineLayout;
    private final long pipeline;
    private boolean closed;

    private OverlayPipeline(Gpu gpu, long setLayout, long pipelineLayout, long pipeline) {
        this.gpu = gpu;
        this.setLayout = setLayout;
        this.pipelineLayout = pipelineLayout;
        this.pipeline = pipeline;
    }

    public static OverlayPipeline create(Gpu gpu, ShaderProgram vertex, ShaderProgram fragment, int colorFormat) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            LongBuffer out = stack.mallocLong(1);
            VkDescriptorSetLayoutBinding.Buffer binding = VkDescriptorSetLayoutBinding.calloc(1, stack).binding(0)
                    .descriptorType(VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER).descriptorCount(1).stageFlags(VK_SHADER_STAGE_FRAGMENT_BIT);
            Vk.check(vkCreateDescriptorSetLayout(gpu.device(), VkDescriptorSetLayoutCreateInfo.calloc(stack).sType$Default()
                    .flags(VK_DESCRIPTOR_SET_LAYOUT_CREATE_PUSH_DESCRIPTOR_BIT_KHR).pBindings(binding), null, out), "overlay set layout");
            long setLayout = out.get(0), pipelineLayout = VK_NULL_HANDLE, vertexModule = VK_NULL_HANDLE, fragmentModule = VK_NULL_HANDLE;
            try { // everything made so far is destroyed again if a later step fails (destroying VK_NULL_HANDLE is a no-op)
                Vk.check(vkCreatePipelineLayout(gpu.device(), VkPipelineLayoutCreateInfo.calloc(stack).sType$Default()
                        .pSetLayouts(stack.longs(setLayout)).pPushConstantRanges(VkPushConstantRange.calloc(1, stack)
                                .stageFlags(VK_SHADER_STAGE_VERTEX_BIT).offset(0).size(16)), null, out), "overlay pipeline layout");
                pipelineLayout = out.get(0);
                vertexModule = ShaderModules.create(gpu, vertex, vertex.spirv());
                fragmentModule = ShaderModules.create(gpu, fragment, fragment.spirv());
                VkPipelineShaderStageCreateInfo.Buffer stages = VkPipelineShaderStageCreateInfo.calloc(2, stack);
                stages.get(0).sType$Default().stage(VK_SHADER_STAGE_VERTEX_BIT).module(vertexModule).pName(stack.UTF8("main"));
                stages.get(1).sType$Default().stage(VK_SHADER_STAGE_FRAGMENT_BIT).module(fragmentModule).pName(stack.UTF8("main"));
                VkVertexInputAttributeDescription.Buffer attributes = VkVertexInputAttributeDescription.calloc(3, stack);
                attributes.get(0).location(0).binding(0).format(VK_FORMAT_R32G32_SFLOAT).offset(0);
                attributes.get(1).location(1).binding(0).format(VK_FORMAT_R32G32_SFLOAT).offset(8);
                attributes.get(2).location(2).binding(0).format(VK_FORMAT_R8G8B8A8_UNORM).offset(16);
                VkPipelineColorBlendAttachmentState.Buffer blend = VkPipelineColorBlendAttachmentState.calloc(1, stack)
                        .blendEnable(true).srcColorBlendFactor(VK_BLEND_FACTOR_SRC_ALPHA).dstColorBlendFactor(VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA)
                        .colorBlendOp(VK_BLEND_OP_ADD).srcAlphaBlendFactor(VK_BLEND_FACTOR_ONE)
                        .dstAlphaBlendFactor(VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA).alphaBlendOp(VK_BLEND_OP_ADD)
                        .colorWriteMask(VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT);
                VkPipelineRenderingCreateInfo rendering = VkPipelineRenderingCreateInfo.calloc(stack).sType$Default()
                        .colorAttachmentCount(1).pColorAttachmentFormats(stack.ints(colorFormat));
                VkGraphicsPipelineCreateInfo.Buffer info = VkGraphicsPipelineCreateInfo.calloc(1, stack).sType$Default()
                        .pNext(rendering.address()).pStages(stages)
                        .pVertexInputState(VkPipelineVertexInputStateCreateInfo.calloc(stack).sType$Default()
                                .pVertexBindingDescriptions(VkVertexInputBindingDescription.calloc(1, stack).binding(0)
                                        .stride(VERTEX_BYTES).inputRate(VK_VERTEX_INPUT_RATE_VERTEX))
                                .pVertexAttributeDescriptions(attributes))
                        .pInputAssemblyState(VkPipelineInputAssemblyStateCreateInfo.calloc(stack).sType$Default()
                                .topology(VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST))
                        .pViewportState(VkPipelineViewportStateCreateInfo.calloc(stack).sType$Default().viewportCount(1).scissorCount(1))
                        .pRasterizationState(VkPipelineRasterizationStateCreateInfo.calloc(stack).sType$Default()
                                .polygonMode(VK_POLYGON_MODE_FILL).cullMode(VK_CULL_MODE_NONE).lineWidth(1))
                        .pMultisampleState(VkPipelineMultisampleStateCreateInfo.calloc(stack).sType$Default()
                                .rasterizationSamples(VK_SAMPLE_COUNT_1_BIT))
                        .pColorBlendState(VkPipelineColorBlendStateCreateInfo.calloc(stack).sType$Default().pAttachments(blend))
                        .pDynamicState(VkPipelineDynamicStateCreateInfo.calloc(stack).sType$Default()
                                .pDynamicStates(stack.ints(VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR)))
                        .layout(pipelineLayout);
                Vk.check(vkCreateGraphicsPipelines(gpu.device(), VK_NULL_HANDLE, info, null, out), "vkCreateGraphicsPipelines(overlay)");
                OverlayPipeline created = new OverlayPipeline(gpu, setLayout, pipelineLayout, out.get(0));
                gpu.register(created, "overlay pipeline");
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
