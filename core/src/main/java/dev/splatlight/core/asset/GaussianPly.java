package dev.splatlight.core.asset;

import dev.splatlight.core.splat.GaussianCloud;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gaussians as a binary little-endian PLY whose first 62 float properties are the reference 3DGS layout
 * (x y z nx ny nz f_dc_0..2 f_rest_0..44 opacity scale_0..2 rot_0..3: pre-activation values, quaternion w first,
 * f_rest channel-major), followed by any extra float properties (the PBR attributes), so any 3DGS tool opens the
 * radiance part. Reading accepts the properties in any order; the 62 must all be there. A cloud with reflection
 * strength (the geometry stage's {@code --reflections}) writes it as the extra property {@value #REFLECTION}, which reading
 * puts back into the cloud.
 */
public final class GaussianPly {
    /** A PLY's Gaussians and its extra per-vertex float properties, by name, in file order. */
    public record Contents(GaussianCloud cloud, Map<String, float[]> extras) {
    }

    static final List<String> CORE_PROPERTIES = coreProperties();
    /** The extra property holding {@link GaussianCloud#reflection}, written only when some Gaussian has any. */
    public static final String REFLECTION = "reflection";

    private GaussianPly() {
    }

    private static List<String> coreProperties() {
        List<String> names = new ArrayList<>(List.of("x", "y", "z", "nx", "ny", "nz", "f_dc_0", "f_dc_1", "f_dc_2"));
        for (int i = 0; i < 45; i++) {
            names.add("f_rest_" + i);
        }
        names.addAll(List.of("opacity", "scale_0", "scale_1", "scale_2", "rot_0", "rot_1", "rot_2", "rot_3"));
        return List.copyOf(names);
    }

    /** The 62 core values of Gaussian i in file order. */
    private static void coreValues(GaussianCloud c, int i, float[] out) {
        for (int a = 0; a < 3; a++) {
            out[a] = c.means[3 * i + a];
            out[3 + a] = c.normals[3 * i + a];
            out[6 + a] = c.sh[48 * i + a];
        }
        for (int channel = 0; channel < 3; channel++) {
            for (int k = 1; k < 16; k++) {
                out[9 + channel * 15 + (k - 1)] = c.sh[48 * i + 3 * k + channel];
            }
        }
        out[54] = c.opacityLogits[i];
        for (int a = 0; a < 3; a++) {
            out[55 + a] = c.logScales[3 * i + a];
        }
        for (int a = 0; a < 4; a++) {
            out[58 + a] = c.rotations[4 * i + a];
        }
    }

    /**
     * The core property a name stands for, or −1 for an extra. f_rest of a file of SH degree d (3·((d+1)² − 1)
     * values, channel-major) maps to the degree-3 layout: f_rest_j is coefficient j mod K + 1 of channel j / K.
     */
    private static int coreIndexOf(String name, int restPerChannel) {
        if (name.matches("f_rest_\\d{1,3}") && restPerChannel > 0 && restPerChannel < 15) { // as restCount counted them
            int j = Integer.parseInt(name.substring(7));
            return j < 3 * restPerChannel ? 9 + (j / restPerChannel) * 15 + j % restPerChannel : -1;
        }
        return CORE_PROPERTIES.indexOf(name);
    }

    private static void setCore(GaussianCloud c, int i, int property, float v) {
        if (property < 3) {
            c.means[3 * i + property] = v;
        } else if (property < 6) {
            c.normals[3 * i + property - 3] = v;
        } else if (property < 9) {
            c.sh[48 * i + property - 6] = v;
        } else if (property < 54) {
            int channel = (property - 9) / 15, k = (property - 9) % 15 + 1;
            c.sh[48 * i + 3 * k + channel] = v;
        } else if (property == 54) {
            c.opacityLogits[i] = v;
        } else if (property < 58) {
            c.logScales[3 * i + property - 55] = v;
        } else {
            c.rotations[4 * i + property - 58] = v;
        }
    }

    /** Writes atomically (temporary file, then rename). Each extra array holds one float per Gaussian. */
    public static void write(Path file, GaussianCloud cloud, Map<String, float[]> givenExtras) throws IOException {
        int n = cloud.count();
        Map<String, float[]> extras = new LinkedHashMap<>();
        if (cloud.hasReflection()) {
            extras.put(REFLECTION, cloud.reflection);
        }
        if (givenExtras.containsKey(REFLECTION)) {
            throw new IllegalArgumentException("'" + REFLECTION + "' is written from the cloud, not as an extra");
        }
        extras.putAll(givenExtras);
        for (Map.Entry<String, float[]> extra : extras.entrySet()) {
            if (extra.getValue().length != n || CORE_PROPERTIES.contains(extra.getKey()) || !extra.getKey().matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("extra PLY property '" + extra.getKey() + "' must be a new name with " + n + " values");
            }
        }
        StringBuilder header = new StringBuilder("ply\nformat binary_little_endian 1.0\n")
                .append("comment Splatlight Gaussians: 3DGS layout (pre-activation), then extra properties\n")
                .append("element vertex ").append(n).append('\n');
        CORE_PROPERTIES.forEach(p -> header.append("property float ").append(p).append('\n'));
        extras.keySet().forEach(p -> header.append("property float ").append(p).append('\n'));
        header.append("end_header\n");
        List<float[]> extraArrays = new ArrayList<>(extras.values());
        AtomicFiles.write(file, out -> {
            out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
            int stride = 4 * (CORE_PROPERTIES.size() + extraArrays.size());
            ByteBuffer row = ByteBuffer.allocate(stride).order(ByteOrder.LITTLE_ENDIAN);
            float[] core = new float[CORE_PROPERTIES.size()];
            for (int i = 0; i < n; i++) {
                row.clear();
                coreValues(cloud, i, core);
                for (float v : core) {
                    row.putFloat(v);
                }
                for (float[] extra : extraArrays) {
                    row.putFloat(extra[i]);
                }
                out.write(row.array());
            }
        });
    }

    public static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AssetFormatException(file + ": file not found");
        } catch (IOException e) {
            throw new AssetFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
        Header header = Header.parse(file, bytes);
        long needed = (long) header.vertices * header.properties.size() * 4;
        if (bytes.length - header.dataOffset < needed) {
            throw new AssetFormatException(file + ": truncated: " + header.vertices + " vertices of " + header.properties.size()
                    + " floats need " + needed + " bytes of data, the file has " + (bytes.length - header.dataOffset));
        }
        GaussianCloud cloud = new GaussianCloud(header.vertices);
        int restCount = (int) header.properties.stream().filter(p -> p.matches("f_rest_\\d+")).count();
        if (restCount != 0 && restCount != 9 && restCount != 24 && restCount != 45) {
            throw new AssetFormatException(file + ": " + restCount + " f_rest properties; SH degrees 0-3 have 0, 9, 24 or 45");
        }
        int[] coreIndex = new int[header.properties.size()];
        Map<String, float[]> extras = new LinkedHashMap<>();
        List<float[]> extraTargets = new ArrayList<>();
        for (int p = 0; p < header.properties.size(); p++) {
            String name = header.properties.get(p);
            coreIndex[p] = coreIndexOf(name, restCount / 3);
            float[] target = null;
            if (coreIndex[p] < 0) {
                target = new float[header.vertices];
                extras.put(name, target);
            }
            extraTargets.add(target);
        }
        for (String required : CORE_PROPERTIES) {
            boolean optional = required.matches("n[xyz]|f_rest_\\d+"); // other tools' files may lack normals or high SH bands
            if (!optional && !header.properties.contains(required)) {
                throw new AssetFormatException(file + ": property '" + required + "' is missing (not a 3DGS PLY?)");
            }
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, header.dataOffset, bytes.length - header.dataOffset).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < header.vertices; i++) {
            for (int p = 0; p < coreIndex.length; p++) {
                float v = data.getFloat();
                if (!Float.isFinite(v)) {
                    throw new AssetFormatException(file + ": vertex " + i + " property '" + header.properties.get(p) + "' is " + v);
                }
                if (coreIndex[p] >= 0) {
                    setCore(cloud, i, coreIndex[p], v);
                } else {
                    extraTargets.get(p)[i] = v;
                }
            }
        }
        float[] reflection = extras.remove(REFLECTION);
        if (reflection != null) {
            for (int i = 0; i < reflection.length; i++) {
                if (reflection[i] < 0 || reflection[i] > 1) {
                    throw new AssetFormatException(file + ": vertex " + i + " property '" + REFLECTION + "' is " + reflection[i]
                            + ", outside [0, 1]");
                }
            }
            cloud = new GaussianCloud(cloud.count(), cloud.means, cloud.logScales, cloud.rotations, cloud.opacityLogits,
                    cloud.sh, cloud.normals, reflection);
        }
        return new Contents(cloud, extras);
    }

    /** The parts of a PLY header this reader supports. */
    private record Header(int vertices, List<String> properties, int dataOffset) {
        static Header parse(Path file, byte[] bytes) {
            int end = indexOf(bytes, "end_header\n".getBytes(StandardCharsets.US_ASCII));
            if (bytes.length < 4 || !new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("ply\n") || end < 0) {
                throw new AssetFormatException(file + ": not a PLY file (no 'ply' magic or no end_header)");
            }
            String[] lines = new String(bytes, 0, end, StandardCharsets.US_ASCII).split("\n");
            int vertices = -1;
            boolean inVertex = false, binaryLittleEndian = false;
            List<String> properties = new ArrayList<>();
            for (int l = 1; l < lines.length; l++) {
                String[] f = lines[l].strip().split("\\s+");
                switch (f[0]) {
                    case "format" -> binaryLittleEndian = f.length > 1 && f[1].equals("binary_little_endian");
                    case "element" -> {
                        if (f.length < 3) {
                            throw new AssetFormatException(file + ": header line " + (l + 1) + " is a malformed element");
                        }
                        inVertex = f[1].equals("vertex");
                        if (inVertex) {
                            vertices = parseCount(file, f[2], l + 1);
                        } else if (parseCount(file, f[2], l + 1) > 0) {
                            throw new AssetFormatException(file + ": element '" + f[1] + "' is not supported (only vertex)");
                        }
                    }
                    case "property" -> {
                        if (inVertex) {
                            if (f.length != 3 || !f[1].equals("float")) {
                                throw new AssetFormatException(file + ": header line " + (l + 1) + ": only 'property float NAME' "
                                        + "vertex properties are supported, got '" + lines[l].strip() + "'");
                            }
                            properties.add(f[2]);
                        }
                    }
                    default -> { }
                }
            }
            if (!binaryLittleEndian) {
                throw new AssetFormatException(file + ": only 'format binary_little_endian 1.0' PLY files are supported");
            }
            if (vertices < 0) {
                throw new AssetFormatException(file + ": no vertex element");
            }
            return new Header(vertices, properties, end + "end_header\n".length());
        }

        private static int parseCount(Path file, String text, int line) {
            try {
                int count = Integer.parseInt(text);
                if (count < 0) {
                    throw new NumberFormatException();
                }
                return count;
            } catch (NumberFormatException e) {
                throw new AssetFormatException(file + ": header line " + line + ": element count '" + text + "' is not a count");
            }
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            int limit = Math.min(haystack.length, 1 << 16) - needle.length;
            outer:
            for (int i = 0; i <= limit; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

}
