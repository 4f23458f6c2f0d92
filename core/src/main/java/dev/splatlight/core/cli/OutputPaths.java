package dev.splatlight.core.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the programs write: folders are created up front, and a path that cannot be used is bad input (exit 2) with
 * one line naming it and why — not a NoSuchFileException from deep inside a run that has already spent minutes.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /** Creates {@code dir} (and its parents) if missing and checks it can be written. */
    public static Path directory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": exists and is not a folder; name a folder for the output");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException(dir + ": " + e.getFile() + " exists and is not a folder");
        } catch (java.nio.file.NoSuchFileException e) { // mkdir's ENOENT: a parent that takes no new entries (/proc, a dead mount)
            throw new BadInputException(dir + ": cannot create the output folder (the system refuses a new folder at " + e.getFile() + ")");
        } catch (AccessDeniedException e) {
            throw new BadInputException(dir + ": cannot create the output folder (permission denied at " + e.getFile() + ")");
        } catch (FileSystemException e) {
            throw new BadInputException(dir + ": cannot create the output folder ("
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + " at " + e.getFile() + ")");
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot create the output folder (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new BadInputException(dir + ": the output folder is not writable");
        }
        return dir;
    }

    /** Prepares the folder {@code file} will be written into; {@code file} itself must not be a folder. */
    public static Path fileIn(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a folder; name a file to write");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            directory(parent);
        }
        return file;
    }
}
