package dev.splatlight.trainer.data;

import dev.splatlight.core.camera.Camera;
import java.nio.file.Path;

/** One posed photo: its name (e.g. train_007), camera and image. */
public record TrainingView(String name, Camera camera, Rgba8Image image, Path source) {
}
