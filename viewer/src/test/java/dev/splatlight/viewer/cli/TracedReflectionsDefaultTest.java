package dev.splatlight.viewer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.viewer.render.BundledAssets;
import dev.splatlight.viewer.render.DecodedPng;
import dev.splatlight.viewer.testing.CheckoutHome;
import dev.splatlight.viewer.testing.ViewerCommands;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render} (and {@code turntable}, through the same options) traces reflections by default for an asset whose
 * material stage learned beside them, as {@code train --reflections} makes, since its mirrors' materials look as eval
 * relights them only traced; for other assets, and with {@code --no-traced-reflections}, the environment alone.
 */
@VulkanTest
@ExtendWith(CheckoutHome.class)
class TracedReflectionsDefaultTest {
    @TempDir
    Path dir;

    @Test
    void anAssetLearnedWithTracedReflectionsRendersTracedUnlessTold() throws Exception {
        RelightableAsset sample = RelightableAsset.read(BundledAssets.sample());
        Path learnedTraced = dir.resolve("learned-traced");
        new RelightableAsset(sample.gaussians(), sample.material(), sample.environment(), sample.occlusion(),
                sample.irradiance(), sample.whiteBackground(), sample.gamma(), sample.specularOcclusion(), true)
                .write(learnedTraced);
        byte[] byDefault = render(learnedTraced, "default.png");
        byte[] traced = render(learnedTraced, "traced.png", "--traced-reflections");
        byte[] untraced = render(learnedTraced, "untraced.png", "--no-traced-reflections");
        assertArrayEquals(traced, byDefault, "the asset learned traced: rendered traced by default");
        assertFalse(Arrays.equals(traced, untraced), "tracing shows on the sample's glossy surfaces");
        assertArrayEquals(untraced, render(BundledAssets.sample(), "sample.png"),
                "an asset learned without tracing renders the environment alone by default");
    }

    private byte[] render(Path asset, String name, String... options) throws Exception {
        Path out = dir.resolve(name);
        String[] args = {"render", asset.toString(), "--out", out.toString(), "--size", "96x64", "--yaw", "30",
                "--distance", "2.5"};
        String[] all = Arrays.copyOf(args, args.length + options.length);
        System.arraycopy(options, 0, all, args.length, options.length);
        ViewerCommands.Result result = ViewerCommands.run(all);
        assertEquals(0, result.code(), result.err());
        return DecodedPng.read(out).rgba();
    }
}
