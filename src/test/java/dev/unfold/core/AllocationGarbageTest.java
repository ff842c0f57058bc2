package dev.unfold.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage is not held memory. In a 256 MiB heap, after a failed GEMM computation at the sliders' largest numbers,
 * the window refused even OC 1 with "the JVM can allocate only about 7.8 MiB" while a collection would have
 * freed some 150 MiB. Here a fresh JVM (serial collector, so nothing collects behind the test's back) leaves a
 * 100 MiB array as garbage and asks about a 188 MiB buffer that fits once it is collected.
 */
class AllocationGarbageTest {

    public static void main(String[] args) {
        byte[] garbage = new byte[100 << 20];
        garbage[garbage.length - 1] = 1;
        garbage = null;
        Geometry g = new Geometry(1, 1, 3072, 3840, 1, 1, 1, 1, 0, 0, 1, 1); // float64: 16 bytes a pixel
        System.out.println(g.allocationProblem(DType.FLOAT64));
    }

    @Test
    void garbageIsCollectedBeforeABufferIsRefused(@TempDir Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), AllocationGarbageTest.class.getName()));
        File out = dir.resolve("out.txt").toFile();
        pb.redirectErrorStream(true);
        pb.redirectOutput(out);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in 60 s");
        }
        assertEquals("null", Files.readString(out.toPath(), StandardCharsets.UTF_8).strip());
    }
}
