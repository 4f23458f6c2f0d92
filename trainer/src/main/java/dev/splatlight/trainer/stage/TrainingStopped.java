package dev.splatlight.trainer.stage;

import java.nio.file.Path;

/** A stage stopped on request after checkpointing {@code iteration} into {@code checkpoint}. */
public final class TrainingStopped extends RuntimeException {
    private final String stage;
    private final int iteration;
    private final Path checkpoint;

    public TrainingStopped(String stage, int iteration, Path checkpoint) {
        super(stage + " stage stopped at iteration " + iteration + "; checkpoint " + checkpoint);
        this.stage = stage;
        this.iteration = iteration;
        this.checkpoint = checkpoint;
    }

    public String stage() {
        return stage;
    }

    public int iteration() {
        return iteration;
    }

    public Path checkpoint() {
        return checkpoint;
    }
}
