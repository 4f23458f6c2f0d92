package dev.splatlight.shaders.build;

import static org.lwjgl.system.MemoryUtil.memAlloc;
import static org.lwjgl.system.MemoryUtil.memUTF8;
import static org.lwjgl.util.shaderc.Shaderc.*;

import dev.splatlight.shaders.ShaderStage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.util.shaderc.ShadercIncludeResolve;
import org.lwjgl.util.shaderc.ShadercIncludeResult;
import org.lwjgl.util.shaderc.ShadercIncludeResultRelease;

/**
 * GLSL to SPIR-V through LWJGL's shaderc binding: Vulkan 1.3 target, warnings are errors, includes resolved by
 * {@link IncludeResolver}. One instance compiles many programs; it records which includes each one read.
 */
public final class GlslCompiler implements AutoCloseable {
    private final IncludeResolver includes;
    private final long compiler;
    private final long options;
    private final ShadercIncludeResolve resolveCallback;
    private final ShadercIncludeResultRelease releaseCallback;
    /** Native memory of each include result handed to shaderc, freed when shaderc releases it. */
    private final Map<Long, List<ByteBuffer>> liveIncludeResults = new java.util.HashMap<>();
    private final Set<Path> includesOfLastProgram = new LinkedHashSet<>();
    private String includeError;

    public GlslCompiler(Path includeRoot) {
        this.includes = new IncludeResolver(includeRoot);
        this.compiler = shaderc_compiler_initialize();
        this.options = shaderc_compile_options_initialize();
        if (compiler == 0 || options == 0) {
            throw new IllegalStateException("shaderc failed to initialise");
        }
        shaderc_compile_options_set_target_env(options, shaderc_target_env_vulkan, shaderc_env_version_vulkan_1_3);
        // SPIR-V 1.5: 1.6 expresses local_size_x_id as LocalSizeId, which needs maintenance4 (and confuses older layers).
        shaderc_compile_options_set_target_spirv(options, shaderc_spirv_version_1_5);
        shaderc_compile_options_set_warnings_as_errors(options);
        // No spirv-opt: it strips the names Java binds by, and every driver optimises SPIR-V itself.
        shaderc_compile_options_set_optimization_level(options, shaderc_optimization_level_zero);
        resolveCallback = ShadercIncludeResolve.create(this::resolveInclude);
        releaseCallback = ShadercIncludeResultRelease.create((userData, result) -> releaseInclude(result));
        shaderc_compile_options_set_include_callbacks(options, resolveCallback, releaseCallback, 0L);
    }

    /**
     * Compiles one program.
     *
     * @param sourceName the name errors are reported under (the path below the GLSL root)
     * @return the SPIR-V binary
     * @throws ShaderCompileException with glslang's "file:line: error" messages
     */
    public byte[] compile(String sourceName, String source, ShaderStage stage) throws ShaderCompileException {
        includesOfLastProgram.clear();
        includeError = null;
        long result = shaderc_compile_into_spv(compiler, source, kindOf(stage), sourceName, "main", options);
        try {
            if (shaderc_result_get_compilation_status(result) != shaderc_compilation_status_success) {
                String message = shaderc_result_get_error_message(result);
                if (includeError != null) {
                    message = includeError + "\n" + message;
                }
                throw new ShaderCompileException(message == null ? sourceName + ": compilation failed" : message.strip());
            }
            ByteBuffer bytes = shaderc_result_get_bytes(result);
            byte[] spirv = new byte[bytes.remaining()];
            bytes.get(spirv);
            return spirv;
        } finally {
            shaderc_result_release(result);
        }
    }

    /** The include files the last {@link #compile} read, in the order it asked for them. */
    public List<Path> includesOfLastProgram() {
        return new ArrayList<>(includesOfLastProgram);
    }

    private long resolveInclude(long userData, long requestedSource, int type, long requestingSource, long depth) {
        String requested = memUTF8(requestedSource);
        String requesting = memUTF8(requestingSource);
        String name;
        String content;
        try {
            Path file = includes.resolve(requested, requesting);
            includesOfLastProgram.add(file);
            name = requested;
            content = includes.read(file);
        } catch (IllegalArgumentException | IOException e) {
            includeError = e.getMessage();
            name = ""; // shaderc reports an empty source name as a failed include
            content = e.getMessage();
        }
        ShadercIncludeResult result = ShadercIncludeResult.calloc();
        ByteBuffer nameBytes = utf8(name);
        ByteBuffer contentBytes = utf8(content);
        result.source_name(nameBytes).content(contentBytes).user_data(0L);
        liveIncludeResults.put(result.address(), List.of(nameBytes, contentBytes));
        return result.address();
    }

    private void releaseInclude(long resultAddress) {
        List<ByteBuffer> buffers = liveIncludeResults.remove(resultAddress);
        if (buffers != null) {
            buffers.forEach(MemoryUtil::memFree);
        }
        ShadercIncludeResult.create(resultAddress).free();
    }

    private static ByteBuffer utf8(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer buffer = memAlloc(bytes.length);
        buffer.put(bytes).flip();
        return buffer;
    }

    private static int kindOf(ShaderStage stage) {
        return switch (stage) {
            case COMPUTE -> shaderc_glsl_compute_shader;
            case VERTEX -> shaderc_glsl_vertex_shader;
            case FRAGMENT -> shaderc_glsl_fragment_shader;
        };
    }

    @Override
    public void close() {
        shaderc_compile_options_release(options);
        shaderc_compiler_release(compiler);
        resolveCallback.free();
        releaseCallback.free();
        liveIncludeResults.values().forEach(list -> list.forEach(MemoryUtil::memFree));
        liveIncludeResults.clear();
    }

}
