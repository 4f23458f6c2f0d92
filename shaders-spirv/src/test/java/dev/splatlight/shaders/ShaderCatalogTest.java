package dev.splatlight.shaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.shaders.build.GlslCompiler;
import dev.splatlight.shaders.build.ShaderCompileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShaderCatalogTest {
    private static final Path GLSL_ROOT = Path.of("src/main/glsl");
    private static final Pattern INCLUDE = Pattern.compile("^\\s*#include\\s+\"([^\"]+)\"", Pattern.MULTILINE);

    private static Set<String> filesUnder(Path root, String... extensions) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> Arrays.stream(extensions).anyMatch(p::endsWith))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyProgramSourceIsCataloguedAndEveryEntryHasASource() throws IOException {
        Set<String> sources = filesUnder(GLSL_ROOT, ".comp", ".vert", ".frag");
        Set<String> catalogued = Arrays.stream(ShaderProgram.values()).map(ShaderProgram::sourcePath)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(sources, catalogued, "ShaderProgram must list exactly the program sources under " + GLSL_ROOT);
    }

    @Test
    void everyProgramIsCompiledIntoTheClassPath() {
        for (ShaderProgram program : ShaderProgram.values()) {
            byte[] spirv = program.spirv();
            assertTrue(spirv.length > 20, program + " is empty");
            assertEquals(0x07230203, (spirv[0] & 0xFF) | (spirv[1] & 0xFF) << 8 | (spirv[2] & 0xFF) << 16 | (spirv[3] & 0xFF) << 24,
                    program + " does not start with the SPIR-V magic number");
        }
    }

    @Test
    void everyIncludeIsUsedByAProgram() throws IOException {
        Set<String> includes = filesUnder(GLSL_ROOT.resolve("include"), ".glsl");
        Set<String> used = new HashSet<>();
        Deque<Path> pending = new ArrayDeque<>();
        for (ShaderProgram program : ShaderProgram.values()) {
            pending.add(GLSL_ROOT.resolve(program.sourcePath()));
        }
        while (!pending.isEmpty()) {
            Matcher matcher = INCLUDE.matcher(Files.readString(pending.pop()));
            while (matcher.find()) {
                if (used.add(matcher.group(1))) {
                    pending.add(GLSL_ROOT.resolve("include").resolve(matcher.group(1)));
                }
            }
        }
        includes.removeAll(used);
        assertTrue(includes.isEmpty(), "includes no program uses: " + includes);
    }

    @Test
    void aCompileErrorNamesTheFileAndLine(@TempDir Path includeRoot) throws IOException, ShaderCompileException {
        Files.createDirectories(includeRoot.resolve("common"));
        Files.writeString(includeRoot.resolve("common/broken.glsl"), "float broken() {\n    return undefinedThing;\n}\n");
        String source = "#version 460\n#extension GL_GOOGLE_include_directive : require\n#include \"common/broken.glsl\"\n"
                + "layout(local_size_x = 1) in;\nvoid main() { broken(); }\n";
        try (GlslCompiler compiler = new GlslCompiler(includeRoot)) {
            var error = assertThrows(ShaderCompileException.class,
                    () -> compiler.compile("test/uses_broken.comp", source, ShaderStage.COMPUTE));
            assertTrue(error.getMessage().contains("common/broken.glsl:2"), error.getMessage());
            var missing = assertThrows(ShaderCompileException.class, () -> compiler.compile("test/missing.comp",
                    source.replace("common/broken.glsl", "common/absent.glsl"), ShaderStage.COMPUTE));
            assertTrue(missing.getMessage().contains("absent.glsl"), missing.getMessage());
            assertNotNull(compiler.compile("test/fine.comp",
                    "#version 460\nlayout(local_size_x = 1) in;\nvoid main() {}\n", ShaderStage.COMPUTE));
        }
    }
}
