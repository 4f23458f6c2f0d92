package dev.splatlight.trainer.cli;

import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.data.Datasets;
import dev.splatlight.trainer.stage.Pipeline;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How {@code train} and {@code eval} read a dataset's photos (a picocli mixin: eval must read them as train did). */
public final class PhotoOptions {
    @Option(names = "--images-scale", defaultValue = "0", paramLabel = "N",
            description = "Shrink the photos N× (1, 2, 4, 8; area filter) as 3DGS's -r (eval: as trained); 0 (default) "
                    + "shrinks only photos wider than 1600 px, saying so.")
    int imagesScale;

    @Option(names = "--ignore-distortion", description = "Take distorted COLMAP cameras as pinholes, photos as they "
            + "are, instead of undistorting them (a comparison for research: wrong for any real lens).")
    boolean ignoreDistortion;

    Dataset open(Path data) {
        return Datasets.open(data, imagesScale, ignoreDistortion);
    }

    /** As recorded in train-config.json. */
    Pipeline.Photos recorded() {
        return new Pipeline.Photos(imagesScale, ignoreDistortion);
    }
}
