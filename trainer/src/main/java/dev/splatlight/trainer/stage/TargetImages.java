package dev.splatlight.trainer.stage;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.trainer.data.TrainingView;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The photos of a set of views on the GPU, as decoded: packed RGBA8, one buffer per view. */
public final class TargetImages implements AutoCloseable {
    private final ResourceScope buffers = new ResourceScope("target images");
    private final List<GpuBuffer> images = new ArrayList<>();

    public TargetImages(Gpu gpu, List<TrainingView> views) {
        try {
            for (TrainingView view : views) {
                byte[] pixels = view.image().pixels();
                ByteBuffer bytes = ByteBuffer.allocateDirect(pixels.length);
                bytes.put(pixels).flip();
                images.add(buffers.own(GpuBuffer.withData(gpu, "photo " + view.name() + " [H, W] RGBA8", bytes)));
            }
        } catch (RuntimeException e) {
            buffers.close();
            throw e;
        }
    }

    public GpuBuffer get(int view) {
        return images.get(view);
    }

    @Override
    public void close() {
        buffers.close();
    }
}
