package dev.unfold.export;

import dev.unfold.io.ExitCleanup;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes an animation as numbered PNG files, {@code frame_0001.png} onwards, into a folder. The frames
 * go into a hidden sibling folder that is renamed to the destination when the last one is written, so
 * the destination never holds part of an export. An existing destination is replaced only when it is
 * empty or holds nothing but an earlier export's frames: a folder of the user's own files is refused,
 * never deleted.
 */
public final class PngSequenceExport {
    private static final Pattern FRAME = Pattern.compile("frame_\\d+\\.png");
    /** Files the desktop puts into folders by itself; they do not make a folder the user's. */
    private static final Set<String> DESKTOP_LITTER = Set.of(".DS_Store", "Thumbs.db", "desktop.ini");

    private final UnaryOperator<OutputStream> filter;

    public PngSequenceExport() {
        this(UnaryOperator.identity());
    }

    /**
     * {@code filter} wraps the stream of every file written: a byte counter, say, or in tests a disk that
     * runs full part way.
     */
    public PngSequenceExport(UnaryOperator<OutputStream> filter) {
        this.filter = filter;
    }

    /** The name of frame {@code index} (from 0) of {@code count}: numbered from 1, at least four digits. */
    public static String frameName(int index, int count) {
        int digits = Math.max(4, Integer.toString(count).length());
        return String.format(Locale.ROOT, "frame_%0" + digits + "d.png", index + 1);
    }

    public void write(int frameCount, FrameSource frames, Path folder, ExportProgress progress, CancelToken cancel)
            throws ExportException {
        if (frameCount < 1) {
            throw new IllegalArgumentException("an animation needs at least one frame, not " + frameCount);
        }
        Path target = folder.toAbsolutePath().normalize();
        Path parent = ExportFiles.checkParent(target);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new ExportException(ExportException.Reason.FRAMES_TARGET_IS_FILE, null, target);
        }
        if (Files.isDirectory(target) && !holdsOnlyFrames(target)) {
            throw new ExportException(ExportException.Reason.FRAMES_FOLDER_NOT_EMPTY, null, target);
        }
        // Not createTempDirectory: its owner-only permissions would stay on the export once renamed.
        Path staging = parent.resolve("." + target.getFileName() + ".part-" + UUID.randomUUID());
        ExitCleanup.writing(staging); // before it exists: a kill between the two still finds it
        boolean placed = false;
        try {
            Files.createDirectory(staging);
            progress.update(0, frameCount);
            for (int i = 0; i < frameCount; i++) {
                ExportFiles.checkCancelled(cancel);
                BufferedImage frame = ExportFiles.render(frames, i, frameCount);
                Path file = staging.resolve(frameName(i, frameCount));
                try (OutputStream stream = Files.newOutputStream(file)) {
                    OutputStream out = filter.apply(stream);
                    PngExport.encode(frame, 0, out);
                    out.flush();
                } catch (RuntimeException e) { // an encoder (ImageIO's, say) that fails unchecked
                    throw ExportFiles.encoderFailure(target.resolve(file.getFileName()), e);
                }
                progress.update(i + 1, frameCount);
            }
            ExportFiles.checkCancelled(cancel);
            replace(staging, target);
            placed = true;
        } catch (IOException e) {
            throw ExportFiles.failure(target, e);
        } finally {
            if (!placed) {
                deleteTree(staging);
            }
            ExitCleanup.done(staging);
        }
    }

    private static boolean holdsOnlyFrames(Path folder) throws ExportException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean ours = FRAME.matcher(name).matches() || DESKTOP_LITTER.contains(name);
                if (!ours || !Files.isRegularFile(entry)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw ExportFiles.failure(folder, e);
        }
    }

    /** Puts {@code staging} where {@code target} is; an old target is set aside first and restored on failure. */
    private static void replace(Path staging, Path target) throws IOException {
        if (!Files.exists(target)) {
            move(staging, target);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        move(target, old);
        try {
            move(staging, target);
        } catch (IOException | RuntimeException e) {
            move(old, target);
            throw e;
        }
        deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Best effort: what cannot be deleted now is left rather than hiding the export's real outcome. */
    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // left in place; see the method comment
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
