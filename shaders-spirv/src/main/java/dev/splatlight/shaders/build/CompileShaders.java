package dev.splatlight.shaders.build;

import dev.splatlight.shaders.ShaderProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * Build step (process-classes): compiles every {@link ShaderProgram} from {@code src/main/glsl} into
 * {@code target/classes/spirv/<source>.spv}. Programs whose source and includes are unchanged since the last build
 * are skipped (a hash manifest beside the output). Exit code 1 with glslang's file:line messages on any error.
 *
 * <p>Usage: {@code CompileShaders GLSL_ROOT OUTPUT_DIR}
 */
public final class CompileShaders {
    private static final String MANIFEST = "spirv-hashes.properties";

    private CompileShaders() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CompileShaders GLSL_ROOT OUTPUT_DIR");
            System.exit(2);
        }
        Path glslRoot = Path.of(args[0]);
        Path outputRoot = Path.of(args[1]);
        List<String> failures = compileAll(glslRoot, outputRoot);
        if (!failures.isEmpty()) {
            failures.forEach(System.err::println);
            System.err.println(failures.size() + " shader program(s) failed to compile");
            System.exit(1);
        }
    }

    /** Compiles what changed; returns one message per failed program. */
    static List<String> compileAll(Path glslRoot, Path outputRoot) throws IOException {
        Files.createDirectories(outputRoot);
        Path manifestFile = outputRoot.resolve(MANIFEST);
        Properties manifest = new Properties();
        if (Files.isRegularFile(manifestFile)) {
            try (var in = Files.newBufferedReader(manifestFile)) {
                manifest.load(in);
            }
        }
        List<String> failures = new ArrayList<>();
        int compiled = 0;
        try (GlslCompiler compiler = new GlslCompiler(glslRoot.resolve("include"))) {
            for (ShaderProgram program : ShaderProgram.values()) {
                Path source = glslRoot.resolve(program.sourcePath());
                Path output = outputRoot.resolve(program.sourcePath() + ".spv");
                if (!Files.isRegularFile(source)) {
                    failures.add(source + ": source of " + program.name() + " is missing");
                    continue;
                }
                String recorded = manifest.getProperty(program.sourcePath());
                if (recorded != null && Files.isRegularFile(output) && recorded.equals(currentHash(recorded, source, glslRoot))) {
                    continue;
                }
                try {
                    byte[] spirv = compiler.compile(program.sourcePath(), Files.readString(source), program.stage());
                    Files.createDirectories(output.getParent());
                    Files.write(output, spirv);
                    manifest.setProperty(program.sourcePath(), hashOf(source, compiler.includesOfLastProgram(), glslRoot));
                    compiled++;
                } catch (ShaderCompileException e) {
                    failures.add(e.getMessage());
                    manifest.remove(program.sourcePath());
                }
            }
        }
        try (var out = Files.newBufferedWriter(manifestFile)) {
            manifest.store(out, "SHA-256 of each program's source and includes; delete to force a rebuild");
        }
        System.out.println("shaders: " + compiled + " compiled, " + (ShaderProgram.values().length - compiled - failures.size())
                + " up to date" + (failures.isEmpty() ? "" : ", " + failures.size() + " failed"));
        return failures;
    }

    /** The manifest value is "hash|include,include"; recompute the hash over the same include list. */
    private static String currentHash(String recorded, Path source, Path glslRoot) throws IOException {
        int bar = recorded.indexOf('|');
        List<Path> includes = new ArrayList<>();
        if (bar >= 0 && bar + 1 < recorded.length()) {
            for (String include : recorded.substring(bar + 1).split(",")) {
                Path file = glslRoot.resolve("include").resolve(include);
                if (!Files.isRegularFile(file)) {
                    return "";
                }
                includes.add(file);
            }
        }
        return hashOf(source, includes, glslRoot);
    }

    private static String hashOf(Path source, List<Path> includes, Path glslRoot) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(source));
            List<String> names = new ArrayList<>();
            Path includeRoot = glslRoot.resolve("include").toAbsolutePath().normalize();
            for (Path include : includes) {
                digest.update(Files.readAllBytes(include));
                names.add(includeRoot.relativize(include.toAbsolutePath().normalize()).toString());
            }
            digest.update(String.join(",", names).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()) + "|" + String.join(",", names);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
