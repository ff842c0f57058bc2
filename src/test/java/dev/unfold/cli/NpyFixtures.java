package dev.unfold.cli;

import java.net.URISyntaxException;

/** The NumPy-made files under src/test/resources/dev/unfold/io/npy. */
final class NpyFixtures {
    private NpyFixtures() {
    }

    static String path(String name) {
        try {
            return java.nio.file.Path.of(NpyFixtures.class.getResource("/dev/unfold/io/npy/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
