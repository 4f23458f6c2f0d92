package dev.splatlight.trainer.optim;

/** A learning rate decaying log-linearly from {@code start} to {@code end} over {@code steps} (3DGS's position schedule). */
public record ExponentialSchedule(double start, double end, int steps) {
    public double at(int step) {
        double t = Math.max(0, Math.min(1, step / (double) Math.max(1, steps)));
        return Math.exp(Math.log(start) * (1 - t) + Math.log(end) * t);
    }
}
