package dev.unfold.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporary files and folders being written, removed if the process is stopped (Ctrl-C, a kill, the window
 * closed mid-export) before their writer has moved them into place or deleted them: a half-written output must
 * not be left beside the user's files. The shutdown hook is installed when this class is first used.
 */
public final class ExitCleanup {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(ExitCleanup::deleteTree),
                "unfold-temp-cleanup"));
    }

    private ExitCleanup() {
    }

    /** {@code path} is being written; remove it if the process stops before {@link #done} is called for it. */
    public static void writing(Path path) {
        PENDING.add(path);
    }

    /** {@code path} has been moved into place or deleted: nothing to remove any more. */
    public static void done(Path path) {
        PENDING.remove(path);
    }

    /**
     * A file, or a folder with everything in it, best effort; twice, since the writer may still be adding a file
     * while the hook runs.
     */
    private static void deleteTree(Path root) {
        for (int attempt = 0; attempt < 2 && Files.exists(root); attempt++) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException | RuntimeException e) {
                        // the process is going away; nothing better to do with a file that will not go
                    }
                });
            } catch (IOException | RuntimeException e) {
                // as above
            }
        }
    }
}
