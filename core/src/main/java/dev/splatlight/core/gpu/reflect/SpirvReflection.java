package dev.splatlight.core.gpu.reflect;

import static org.lwjgl.util.spvc.Spv.*;
import static org.lwjgl.util.spvc.Spvc.*;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.util.spvc.SpvcReflectedResource;
import org.lwjgl.util.spvc.SpvcSpecializationConstant;

/**
 * What a compiled program declares, read from its SPIR-V with SPIRV-Cross (lwjgl-spvc): descriptors by name,
 * push-constant block size and workgroup size. Shaders are the single source of truth for these; Java never
 * repeats a binding number.
 *
 * @param workgroupSizeConstantId the constant_id that sets local_size_x, when the program uses local_size_x_id
 * @param workgroupSizeX the literal local_size_x otherwise (or the default of the constant)
 * @param uniformBlocks layouts of the uniform blocks, by block name
 */
public record SpirvReflection(List<ReflectedBinding> bindings, int pushConstantBytes, OptionalInt workgroupSizeConstantId,
                              int workgroupSizeX, Map<String, StructLayout> uniformBlocks) {

    public static SpirvReflection of(byte[] spirv, String programName) {
        ByteBuffer words = MemoryUtil.memAlloc(spirv.length);
        try (MemoryStack stack = MemoryStack.stackPush()) {
            words.put(spirv).flip();
            PointerBuffer contextOut = stack.mallocPointer(1);
            check(spvc_context_create(contextOut), "spvc_context_create", programName);
            long context = contextOut.get(0);
            try {
                return reflect(context, words.asIntBuffer(), programName, stack);
            } finally {
                spvc_context_destroy(context);
            }
        } finally {
            MemoryUtil.memFree(words);
        }
    }

    private static SpirvReflection reflect(long context, IntBuffer words, String program, MemoryStack stack) {
        PointerBuffer ir = stack.mallocPointer(1);
        check(spvc_context_parse_spirv(context, words, words.remaining(), ir), "spvc_context_parse_spirv", program);
        PointerBuffer compilerOut = stack.mallocPointer(1);
        check(spvc_context_create_compiler(context, SPVC_BACKEND_NONE, ir.get(0), SPVC_CAPTURE_MODE_TAKE_OWNERSHIP, compilerOut),
                "spvc_context_create_compiler", program);
        long compiler = compilerOut.get(0);
        PointerBuffer resourcesOut = stack.mallocPointer(1);
        check(spvc_compiler_create_shader_resources(compiler, resourcesOut), "spvc_compiler_create_shader_resources", program);
        long resources = resourcesOut.get(0);

        List<ReflectedBinding> bindings = new ArrayList<>();
        addBindings(compiler, resources, SPVC_RESOURCE_TYPE_STORAGE_BUFFER, DescriptorKind.STORAGE_BUFFER, bindings, stack);
        addBindings(compiler, resources, SPVC_RESOURCE_TYPE_UNIFORM_BUFFER, DescriptorKind.UNIFORM_BUFFER, bindings, stack);
        addBindings(compiler, resources, SPVC_RESOURCE_TYPE_STORAGE_IMAGE, DescriptorKind.STORAGE_IMAGE, bindings, stack);
        addBindings(compiler, resources, SPVC_RESOURCE_TYPE_SAMPLED_IMAGE, DescriptorKind.COMBINED_IMAGE_SAMPLER, bindings, stack);
        bindings.sort(Comparator.comparingInt(ReflectedBinding::set).thenComparingInt(ReflectedBinding::binding));

        Map<String, StructLayout> uniformBlocks = new LinkedHashMap<>();
        for (SpvcReflectedResource resource : list(resources, SPVC_RESOURCE_TYPE_UNIFORM_BUFFER, stack)) {
            StructLayout layout = structLayout(compiler, resource, program, stack);
            uniformBlocks.put(layout.blockName(), layout);
        }

        int pushBytes = 0;
        SpvcReflectedResource.Buffer push = list(resources, SPVC_RESOURCE_TYPE_PUSH_CONSTANT, stack);
        if (push.capacity() > 0) {
            PointerBuffer size = stack.mallocPointer(1);
            long type = spvc_compiler_get_type_handle(compiler, push.get(0).base_type_id());
            check(spvc_compiler_get_declared_struct_size(compiler, type, size), "spvc_compiler_get_declared_struct_size", program);
            pushBytes = (int) size.get(0);
        }

        SpvcSpecializationConstant x = SpvcSpecializationConstant.malloc(stack);
        SpvcSpecializationConstant y = SpvcSpecializationConstant.malloc(stack);
        SpvcSpecializationConstant z = SpvcSpecializationConstant.malloc(stack);
        spvc_compiler_get_work_group_size_specialization_constants(compiler, x, y, z);
        OptionalInt constantId = x.id() != 0 ? OptionalInt.of(x.constant_id()) : OptionalInt.empty();
        int literalX = spvc_compiler_get_execution_mode_argument_by_index(compiler, SpvExecutionModeLocalSize, 0);
        return new SpirvReflection(List.copyOf(bindings), pushBytes, constantId, literalX, Map.copyOf(uniformBlocks));
    }

    private static StructLayout structLayout(long compiler, SpvcReflectedResource resource, String program, MemoryStack stack) {
        long type = spvc_compiler_get_type_handle(compiler, resource.base_type_id());
        PointerBuffer size = stack.mallocPointer(1);
        check(spvc_compiler_get_declared_struct_size(compiler, type, size), "spvc_compiler_get_declared_struct_size", program);
        Map<String, StructLayout.Member> members = new LinkedHashMap<>();
        IntBuffer offset = stack.mallocInt(1);
        PointerBuffer memberSize = stack.mallocPointer(1);
        for (int i = 0; i < spvc_type_get_num_member_types(type); i++) {
            check(spvc_compiler_type_struct_member_offset(compiler, type, i, offset), "struct member offset", program);
            check(spvc_compiler_get_declared_struct_member_size(compiler, type, i, memberSize), "struct member size", program);
            members.put(spvc_compiler_get_member_name(compiler, resource.base_type_id(), i),
                    new StructLayout.Member(offset.get(0), (int) memberSize.get(0)));
        }
        return new StructLayout(resource.nameString(), (int) size.get(0), java.util.Collections.unmodifiableMap(members));
    }

    private static void addBindings(long compiler, long resources, int spvcType, DescriptorKind kind,
                                    List<ReflectedBinding> into, MemoryStack stack) {
        for (SpvcReflectedResource resource : list(resources, spvcType, stack)) {
            int set = spvc_compiler_get_decoration(compiler, resource.id(), SpvDecorationDescriptorSet);
            int binding = spvc_compiler_get_decoration(compiler, resource.id(), SpvDecorationBinding);
            into.add(new ReflectedBinding(resource.nameString(), set, binding, kind));
        }
    }

    private static SpvcReflectedResource.Buffer list(long resources, int spvcType, MemoryStack stack) {
        PointerBuffer list = stack.mallocPointer(1);
        PointerBuffer count = stack.mallocPointer(1);
        spvc_resources_get_resource_list_for_type(resources, spvcType, list, count);
        return SpvcReflectedResource.create(list.get(0), (int) count.get(0));
    }

    private static void check(int result, String call, String program) {
        if (result != SPVC_SUCCESS) {
            throw new IllegalStateException(call + " failed (" + result + ") reflecting " + program);
        }
    }

    /** The binding of a name, or an exception listing the names the program has. */
    public ReflectedBinding binding(String name, String programName) {
        return bindings.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException(programName + " has no binding named '" + name + "' (it has: "
                        + bindings.stream().map(ReflectedBinding::name).toList() + ")"));
    }
}
