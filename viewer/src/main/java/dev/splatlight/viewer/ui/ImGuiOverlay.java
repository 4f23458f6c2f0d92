package dev.splatlight.viewer.ui;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuImage;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.GraphicsPipeline;
import dev.splatlight.core.gpu.OverlayPipeline;
import dev.splatlight.core.gpu.OverlayRecorder;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.Sampler;
import dev.splatlight.shaders.ShaderProgram;
import imgui.ImDrawData;
import imgui.ImGui;
import imgui.ImGuiIO;
import imgui.ImVec4;
import imgui.glfw.ImGuiImplGlfw;
import imgui.type.ImInt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.lwjgl.vulkan.VK10;

/**
 * Dear ImGui in the viewer: its GLFW backend for input, and our Vulkan renderer for its draw lists (imgui-java has
 * none): the font atlas as a texture, each frame's vertices and indices in host-visible buffers, one indexed draw per
 * draw command clipped to its rectangle ({@link OverlayPipeline}).
 */
public final class ImGuiOverlay implements AutoCloseable {
    private final Gpu gpu;
    private final ResourceScope resources = new ResourceScope("ImGui overlay");
    private final ImGuiImplGlfw input = new ImGuiImplGlfw();
    private final long window;
    private final GpuImage font;
    private final Sampler sampler;
    private final GraphicsPipeline pipeline;
    private GpuBuffer vertices;
    private GpuBuffer indices;

    public ImGuiOverlay(Gpu gpu, long window, int colorFormat) {
        this.gpu = gpu;
        this.window = window;
        ImGui.createContext();
        ImGuiIO io = ImGui.getIO();
        io.setIniFilename(null); // no imgui.ini left in the user's folder
        input.init(window, true);
        try {
            ImInt width = new ImInt(), height = new ImInt();
            ByteBuffer pixels = io.getFonts().getTexDataAsRGBA32(width, height);
            ByteBuffer copy = ByteBuffer.allocateDirect(pixels.remaining()).put(pixels.duplicate()).flip();
            font = resources.own(GpuImage.create2d(gpu, "ImGui font atlas", VK10.VK_FORMAT_R8G8B8A8_UNORM, width.get(), height.get(), 1));
            font.upload(copy);
            io.getFonts().setTexID(1);
            sampler = resources.own(Sampler.create(gpu, true, Sampler.Addressing.CLAMP));
            pipeline = resources.own(OverlayPipeline.create(gpu, ShaderProgram.IMGUI_VERTEX, ShaderProgram.IMGUI_FRAGMENT, colorFormat));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts a UI frame: input from GLFW, then ImGui's new frame (build the panels after this). */
    public void newFrame() {
        input.newFrame();
        ImGui.newFrame();
    }

    /** Whether the UI wants the mouse (the camera should then leave it alone). */
    public boolean wantsMouse() {
        return ImGui.getIO().getWantCaptureMouse();
    }

    /** Ends the UI frame and records its draw lists. */
    public void record(OverlayRecorder recorder) {
        ImGui.render();
        ImDrawData data = ImGui.getDrawData();
        int vertexCount = data.getTotalVtxCount(), indexCount = data.getTotalIdxCount();
        if (vertexCount == 0 || indexCount == 0) {
            return;
        }
        ensureCapacity((long) vertexCount * OverlayPipeline.VERTEX_BYTES, 2L * indexCount);
        ByteBuffer vertexBytes = ByteBuffer.allocateDirect(vertexCount * OverlayPipeline.VERTEX_BYTES).order(ByteOrder.nativeOrder());
        ByteBuffer indexBytes = ByteBuffer.allocateDirect(2 * indexCount).order(ByteOrder.nativeOrder());
        for (int list = 0; list < data.getCmdListsCount(); list++) {
            vertexBytes.put(data.getCmdListVtxBufferData(list));
            indexBytes.put(data.getCmdListIdxBufferData(list));
        }
        vertices.upload(vertexBytes.flip());
        indices.upload(indexBytes.flip());
        float displayX = data.getDisplayPosX(), displayY = data.getDisplayPosY();
        float scaleX = 2f / data.getDisplaySizeX(), scaleY = 2f / data.getDisplaySizeY();
        // ImGui works in window coordinates; a HiDPI framebuffer has more pixels: scale positions and clip rectangles
        float pixelsX = recorder.width() / data.getDisplaySizeX(), pixelsY = recorder.height() / data.getDisplaySizeY();
        recorder.begin(pipeline, font, sampler, new float[] {scaleX, scaleY, -1 - displayX * scaleX, -1 - displayY * scaleY},
                vertices, indices);
        int vertexBase = 0, indexBase = 0;
        ImVec4 clip = new ImVec4();
        for (int list = 0; list < data.getCmdListsCount(); list++) {
            for (int command = 0; command < data.getCmdListCmdBufferSize(list); command++) {
                data.getCmdListCmdBufferClipRect(clip, list, command);
                int x0 = Math.max(0, (int) ((clip.x - displayX) * pixelsX)), y0 = Math.max(0, (int) ((clip.y - displayY) * pixelsY));
                int x1 = Math.min(recorder.width(), (int) Math.ceil((clip.z - displayX) * pixelsX));
                int y1 = Math.min(recorder.height(), (int) Math.ceil((clip.w - displayY) * pixelsY));
                if (x1 <= x0 || y1 <= y0) {
                    continue;
                }
                recorder.draw(data.getCmdListCmdBufferElemCount(list, command),
                        indexBase + data.getCmdListCmdBufferIdxOffset(list, command),
                        vertexBase + data.getCmdListCmdBufferVtxOffset(list, command), x0, y0, x1 - x0, y1 - y0);
            }
            vertexBase += data.getCmdListVtxBufferSize(list);
            indexBase += data.getCmdListIdxBufferSize(list);
        }
    }

    /** Host-visible vertex and index buffers, grown by half again when a frame needs more. */
    private void ensureCapacity(long vertexBytes, long indexBytes) {
        if (vertices == null || vertices.size() < vertexBytes) {
            if (vertices != null) {
                vertices.close();
            }
            vertices = GpuBuffer.create(gpu, "ImGui vertices", vertexBytes * 3 / 2, MemoryKind.UPLOAD);
        }
        if (indices == null || indices.size() < indexBytes) {
            if (indices != null) {
                indices.close();
            }
            indices = GpuBuffer.create(gpu, "ImGui indices", indexBytes * 3 / 2, MemoryKind.UPLOAD);
        }
    }

    @Override
    public void close() {
        if (indices != null) {
            indices.close();
        }
        if (vertices != null) {
            vertices.close();
        }
        resources.close();
        // Not input.shutdown(): it destroys cursors the X server may not have given (Xvfb), which fails; glfwTerminate
        // frees every cursor anyway.
        input.restoreCallbacks(window);
        ImGui.destroyContext();
    }
}
