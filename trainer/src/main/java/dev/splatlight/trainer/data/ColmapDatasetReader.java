package dev.splatlight.trainer.data;

import dev.splatlight.core.camera.Camera;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A COLMAP scene: {@code images/} and {@code sparse/0/} with cameras, images and points3D as .bin or .txt. Pinhole
 * cameras (PINHOLE, SIMPLE_PINHOLE) are taken as they are; photos from the distortion models COLMAP calibrates by
 * default (SIMPLE_RADIAL, RADIAL, OPENCV, FULL_OPENCV) are undistorted once at load, as {@code colmap
 * image_undistorter} would ({@link Undistortion}); the fisheye models are refused with that remedy. Every 8th image by
 * sorted name is held out for testing, as 3DGS does.
 */
public final class ColmapDatasetReader {
    /** COLMAP's camera model ids and names, in its numbering. */
    private static final String[] MODEL_NAMES = {"SIMPLE_PINHOLE", "PINHOLE", "SIMPLE_RADIAL", "RADIAL", "OPENCV",
            "OPENCV_FISHEYE", "FULL_OPENCV", "FOV", "SIMPLE_RADIAL_FISHEYE", "RADIAL_FISHEYE", "THIN_PRISM_FISHEYE"};
    private static final int[] MODEL_PARAMS = {3, 4, 4, 5, 8, 8, 12, 5, 4, 5, 12};
    public static final int TEST_EVERY = 8;

    /** Intrinsics of one COLMAP camera: the pinhole part, and its lens distortion (null for the pinhole models). */
    record Intrinsics(int width, int height, float fx, float fy, float cx, float cy, LensDistortion lens) {
    }

    /** One registered image's pose (world → camera) and camera. */
    record ImagePose(String name, double[] rotation, double[] translation, int cameraId) {
    }

    /** Largest image side a camera may claim (COLMAP scenes are photos: 65,536 pixels is far beyond any camera). */
    static final int MAX_IMAGE_SIDE = 1 << 16;

    private ColmapDatasetReader() {
    }

    public static boolean recognises(Path root) {
        return Files.isDirectory(sparseDir(root));
    }

    private static Path sparseDir(Path root) {
        return Files.isDirectory(root.resolve("sparse/0")) ? root.resolve("sparse/0") : root.resolve("sparse");
    }

    public static Dataset read(Path root) {
        return read(root, "images", false);
    }

    /**
     * As {@link #read(Path)} with the photos from {@code imagesFolder} (e.g. images_4, shrunk copies COLMAP users keep);
     * {@code ignoreDistortion} skips the undistortion (distorted cameras taken as pinholes: a comparison, not a remedy).
     */
    public static Dataset read(Path root, String imagesFolder, boolean ignoreDistortion) {
        Path sparse = sparseDir(root);
        boolean binary = Files.isRegularFile(sparse.resolve("cameras.bin"));
        Map<Integer, Intrinsics> cameras = binary ? readCamerasBin(sparse.resolve("cameras.bin")) : readCamerasText(sparse.resolve("cameras.txt"));
        List<ImagePose> poses = binary ? readImagesBin(sparse.resolve("images.bin")) : readImagesText(sparse.resolve("images.txt"));
        Dataset.SparsePoints points = binary ? readPointsBin(sparse.resolve("points3D.bin")) : readPointsText(sparse.resolve("points3D.txt"));
        poses.sort(Comparator.comparing(ImagePose::name));
        List<TrainingView> train = new ArrayList<>(), test = new ArrayList<>();
        Map<String, Undistortion.Pinhole> pinholes = new HashMap<>(); // per camera and photo size: all photos share one
        for (int i = 0; i < poses.size(); i++) {
            TrainingView view = view(root, imagesFolder, poses.get(i), cameras, pinholes, ignoreDistortion);
            (i % TEST_EVERY == 0 ? test : train).add(view);
        }
        if (train.isEmpty()) {
            throw new DatasetException(sparse + ": no registered images");
        }
        return new Dataset(root, "colmap", train, test, Optional.of(points), false);
    }

    private static TrainingView view(Path root, String imagesFolder, ImagePose pose, Map<Integer, Intrinsics> cameras,
                                     Map<String, Undistortion.Pinhole> pinholes, boolean ignoreDistortion) {
        Intrinsics intrinsics = cameras.get(pose.cameraId());
        if (intrinsics == null) {
            throw new DatasetException(root + ": image " + pose.name() + " uses camera " + pose.cameraId() + ", which cameras lists not");
        }
        Path imageFile = imageFile(root.resolve(imagesFolder), pose.name());
        Rgba8Image image = Rgba8Image.read(imageFile);
        if (intrinsics.lens() != null && !ignoreDistortion) { // undistort to the pinhole image_undistorter would choose, at this photo's size
            LensDistortion lens = intrinsics.lens().scaled((double) image.width() / intrinsics.width(),
                    (double) image.height() / intrinsics.height());
            Undistortion.Pinhole pinhole = pinholes.computeIfAbsent(pose.cameraId() + ":" + image.width() + "x" + image.height(),
                    key -> Undistortion.pinholeFor(lens, image.width(), image.height()));
            return new TrainingView(pose.name().replaceFirst("\\.[^.]+$", ""), Camera.fromColmap(pose.rotation()[0],
                    pose.rotation()[1], pose.rotation()[2], pose.rotation()[3], pose.translation()[0], pose.translation()[1],
                    pose.translation()[2], pinhole.width(), pinhole.height(), (float) pinhole.fx(), (float) pinhole.fy(),
                    (float) pinhole.cx(), (float) pinhole.cy()), Undistortion.resample(image, lens, pinhole), imageFile);
        }
        Camera camera = Camera.fromColmap(pose.rotation()[0], pose.rotation()[1], pose.rotation()[2], pose.rotation()[3],
                pose.translation()[0], pose.translation()[1], pose.translation()[2],
                intrinsics.width(), intrinsics.height(), intrinsics.fx(), intrinsics.fy(), intrinsics.cx(), intrinsics.cy());
        if (image.width() != intrinsics.width() || image.height() != intrinsics.height()) {
            camera = camera.resized(image.width(), image.height()); // images downscaled after reconstruction
        }
        return new TrainingView(pose.name().replaceFirst("\\.[^.]+$", ""), camera, image, imageFile);
    }

    /** The photo an image record names, inside the images folder (names may have sub-folders, not ".." or NULs). */
    private static Path imageFile(Path images, String name) {
        try {
            Path file = images.resolve(name).normalize();
            if (name.isEmpty() || !file.startsWith(images.normalize())) {
                throw new DatasetException(images + ": image name '" + printable(name) + "' leads outside the images folder");
            }
            return file;
        } catch (java.nio.file.InvalidPathException e) {
            throw new DatasetException(images + ": image name '" + printable(name) + "' is not a file name");
        }
    }

    /** At most 40 characters of {@code text}, control characters shown as '?': for one-line messages. */
    private static String printable(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static Intrinsics intrinsics(Path file, int cameraId, int model, int width, int height, double[] params) {
        String name = model >= 0 && model < MODEL_NAMES.length ? MODEL_NAMES[model] : "model id " + model;
        if (width <= 0 || height <= 0) {
            throw new DatasetException(file + ": camera " + cameraId + " (" + name + ") has size " + width + "x" + height);
        }
        for (int k = 0; k < params.length; k++) {
            // every model's focal lengths come first (1 or 2 of them), then the principal point
            boolean focal = k == 0 || (k == 1 && (name.equals("PINHOLE") || name.startsWith("OPENCV") || name.equals("FULL_OPENCV")
                    || name.equals("FOV") || name.equals("THIN_PRISM_FISHEYE")));
            float single = (float) params[k]; // what the camera will hold: a tiny double becomes a zero float
            if (!Float.isFinite(single) || (focal && single <= 0)) {
                throw new DatasetException(file + ": camera " + cameraId + " (" + name + ") parameter " + k + " is " + params[k]
                        + (focal ? "; a focal length must be positive" : ""));
            }
        }
        return switch (name) {
            case "PINHOLE" -> new Intrinsics(width, height, (float) params[0], (float) params[1], (float) params[2], (float) params[3],
                    null);
            case "SIMPLE_PINHOLE" -> new Intrinsics(width, height, (float) params[0], (float) params[0], (float) params[1],
                    (float) params[2], null);
            case "SIMPLE_RADIAL", "RADIAL", "OPENCV", "FULL_OPENCV" -> {
                LensDistortion lens = LensDistortion.of(name, params);
                yield new Intrinsics(width, height, (float) lens.fx(), (float) lens.fy(), (float) lens.cx(), (float) lens.cy(), lens);
            }
            default -> throw new DatasetException(file + ": camera " + cameraId + " uses the " + name
                    + " camera model; Splatlight undistorts PINHOLE, SIMPLE_PINHOLE, SIMPLE_RADIAL, RADIAL, OPENCV and FULL_OPENCV "
                    + "cameras (undistort the others first: colmap image_undistorter)");
        };
    }

    // ---- binary model files -------------------------------------------------------------------------------------

    private static ByteBuffer bytes(Path file) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetException(file + ": COLMAP model file not found");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static long count(ByteBuffer in, Path file, long bytesEach) {
        long count = in.getLong();
        if (count < 0 || count > in.remaining() / bytesEach) { // divided: a huge count times bytesEach would overflow
            throw new DatasetException(file + ": header says " + count + " entries, more than the file holds (truncated?)");
        }
        return count;
    }

    private static DatasetException truncated(Path file, ByteBuffer in) {
        return new DatasetException(file + ": truncated at byte " + in.position() + " of " + in.limit());
    }

    static Map<Integer, Intrinsics> readCamerasBin(Path file) {
        ByteBuffer in = bytes(file);
        try {
            long n = count(in, file, 24);
            Map<Integer, Intrinsics> cameras = new HashMap<>();
            for (long i = 0; i < n; i++) {
                int id = in.getInt(), model = in.getInt();
                long wide = in.getLong(), high = in.getLong();
                if (wide < 1 || high < 1 || wide > MAX_IMAGE_SIDE || high > MAX_IMAGE_SIDE) {
                    throw new DatasetException(file + ": camera " + id + " has size " + wide + "x" + high + " (sides of 1.."
                            + MAX_IMAGE_SIDE + " pixels expected)");
                }
                int width = (int) wide, height = (int) high;
                if (model < 0 || model >= MODEL_PARAMS.length) {
                    throw new DatasetException(file + ": camera " + id + " has unknown model id " + model);
                }
                double[] params = new double[MODEL_PARAMS[model]];
                for (int k = 0; k < params.length; k++) {
                    params[k] = in.getDouble();
                }
                cameras.put(id, intrinsics(file, id, model, width, height, params));
            }
            return cameras;
        } catch (BufferUnderflowException e) {
            throw truncated(file, in);
        }
    }

    static List<ImagePose> readImagesBin(Path file) {
        ByteBuffer in = bytes(file);
        try {
            long n = count(in, file, 64);
            List<ImagePose> poses = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                in.getInt(); // image id
                double[] q = {in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble()};
                double[] t = {in.getDouble(), in.getDouble(), in.getDouble()};
                int cameraId = in.getInt();
                StringBuilder name = new StringBuilder();
                for (byte b = in.get(); b != 0; b = in.get()) {
                    name.append((char) (b & 0xFF));
                }
                long points2d = count(in, file, 24);
                in.position(Math.toIntExact(in.position() + points2d * 24));
                poses.add(new ImagePose(new String(name.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8),
                        q, t, cameraId));
            }
            return poses;
        } catch (BufferUnderflowException e) {
            throw truncated(file, in);
        }
    }

    static Dataset.SparsePoints readPointsBin(Path file) {
        ByteBuffer in = bytes(file);
        try {
            long n = count(in, file, 51);
            float[] positions = new float[Math.toIntExact(3 * n)], colors = new float[Math.toIntExact(3 * n)];
            for (int i = 0; i < n; i++) {
                in.getLong(); // point id
                for (int a = 0; a < 3; a++) {
                    positions[3 * i + a] = (float) in.getDouble();
                }
                for (int a = 0; a < 3; a++) {
                    colors[3 * i + a] = (in.get() & 0xFF) / 255f;
                }
                in.getDouble(); // reprojection error
                long track = count(in, file, 8);
                in.position(Math.toIntExact(in.position() + track * 8));
            }
            return new Dataset.SparsePoints(positions, colors);
        } catch (BufferUnderflowException e) {
            throw truncated(file, in);
        }
    }

    // ---- text model files ---------------------------------------------------------------------------------------

    private static List<String[]> records(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetException(file + ": COLMAP model file not found (neither .bin nor .txt)");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<String[]> records = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            records.add(trimmed.startsWith("#") ? null : trimmed.split("\\s+"));
        }
        return records;
    }

    private static double number(String[] fields, int index, Path file, int line) {
        try {
            return Double.parseDouble(fields[index]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new DatasetException(file + ":" + line + ": field " + (index + 1) + " is missing or not a number");
        }
    }

    static Map<Integer, Intrinsics> readCamerasText(Path file) {
        Map<Integer, Intrinsics> cameras = new HashMap<>();
        List<String[]> records = records(file);
        for (int l = 0; l < records.size(); l++) {
            String[] f = records.get(l);
            if (f == null || f[0].isEmpty()) {
                continue;
            }
            int id = (int) number(f, 0, file, l + 1);
            int model = f.length > 1 ? java.util.Arrays.asList(MODEL_NAMES).indexOf(f[1]) : -1;
            if (model < 0) {
                throw new DatasetException(file + ":" + (l + 1) + ": camera " + id + " uses the "
                        + (f.length > 1 ? f[1] : "(missing)") + " camera model; only PINHOLE and SIMPLE_PINHOLE are supported");
            }
            double[] params = new double[MODEL_PARAMS[model]];
            for (int k = 0; k < params.length; k++) {
                params[k] = number(f, 4 + k, file, l + 1);
            }
            cameras.put(id, intrinsics(file, id, model, (int) number(f, 2, file, l + 1), (int) number(f, 3, file, l + 1), params));
        }
        return cameras;
    }

    static List<ImagePose> readImagesText(Path file) {
        List<ImagePose> poses = new ArrayList<>();
        List<String[]> records = records(file);
        boolean expectPose = true;
        for (int l = 0; l < records.size(); l++) {
            String[] f = records.get(l);
            if (f == null) {
                continue;
            }
            if (expectPose) {
                if (f[0].isEmpty()) {
                    continue;
                }
                if (f.length < 10) {
                    throw new DatasetException(file + ":" + (l + 1) + ": expected IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME");
                }
                double[] q = {number(f, 1, file, l + 1), number(f, 2, file, l + 1), number(f, 3, file, l + 1), number(f, 4, file, l + 1)};
                double[] t = {number(f, 5, file, l + 1), number(f, 6, file, l + 1), number(f, 7, file, l + 1)};
                poses.add(new ImagePose(f[9], q, t, (int) number(f, 8, file, l + 1)));
            }
            expectPose = !expectPose; // every pose line is followed by its 2D points line
        }
        return poses;
    }

    static Dataset.SparsePoints readPointsText(Path file) {
        List<float[]> rows = new ArrayList<>();
        List<String[]> records = records(file);
        for (int l = 0; l < records.size(); l++) {
            String[] f = records.get(l);
            if (f == null || f[0].isEmpty()) {
                continue;
            }
            float[] row = new float[6];
            for (int k = 0; k < 3; k++) {
                row[k] = (float) number(f, 1 + k, file, l + 1);
                row[3 + k] = (float) (number(f, 4 + k, file, l + 1) / 255.0);
            }
            rows.add(row);
        }
        float[] positions = new float[3 * rows.size()], colors = new float[3 * rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, positions, 3 * i, 3);
            System.arraycopy(rows.get(i), 3, colors, 3 * i, 3);
        }
        return new Dataset.SparsePoints(positions, colors);
    }
}
