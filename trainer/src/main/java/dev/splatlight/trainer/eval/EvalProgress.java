package dev.splatlight.trainer.eval;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of {@code eval}, in rendered test views (radiance, shaded, each relighting, each shading ceiling),
 * with rate and ETA: on trio an evaluation takes ~45 s on an H200 and minutes on a CPU. The expected count is known
 * only roughly before the metrics find which pictures a dataset has; the bar ends at what was rendered.
 */
public final class EvalProgress implements AutoCloseable {
    /** Shows nothing: for tests and library callers. */
    public static final EvalProgress NONE = new EvalProgress(null);

    private final ProgressBar bar;

    private EvalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar on the terminal expecting about {@code expectedViews} rendered views. */
    public static EvalProgress expecting(long expectedViews) {
        return new EvalProgress(new ProgressBarBuilder().setTaskName("eval").setInitialMax(Math.max(1, expectedViews))
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).showSpeed().setUnit(" views", 1)
                .setMaxRenderedLength(150).build());
    }

    /** One more view rendered for {@code metric} (shown beside the bar). */
    public void rendered(String metric) {
        renderedViews(metric, 1);
    }

    /** {@code count} more views rendered for {@code metric}. */
    public void renderedViews(String metric, long count) {
        if (bar != null) {
            bar.setExtraMessage(" " + metric);
            bar.stepBy(count);
        }
    }

    /** The evaluation finished: the bar ends full (the estimate may have counted pictures the dataset lacks). */
    public void finished() {
        if (bar != null) {
            bar.maxHint(bar.getCurrent());
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
