package dev.splatlight.trainer.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.splatlight.core.asset.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** JSON reports and summaries beside an asset (the asset itself: {@code RelightableAsset}), written atomically. */
public final class AssetWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AssetWriter() {
    }

    public static void writeJson(Path file, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
