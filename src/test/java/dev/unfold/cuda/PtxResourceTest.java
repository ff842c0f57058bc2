package dev.unfold.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped PTX is current and loads on old drivers. It records the SHA-256 of the files it was built
 * from, so a kernel change without a rebuild fails here (no nvcc needed); where ptxas is installed, it
 * must accept the PTX under the version and target it declares, and reject the next lower version.
 */
class PtxResourceTest {

    private static final Path CUDA_SOURCES = Path.of("src/main/cuda");
    /** PTX ISA versions in order, as build-ptx.sh tries them. */
    private static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1", "2.2", "2.3",
            "3.0", "3.1", "3.2", "4.0", "4.1", "4.2", "4.3", "5.0", "6.0", "6.1", "6.2", "6.3", "6.4", "6.5", "7.0", "7.1",
            "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "8.0", "8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8",
            "9.0");

    private final String ptx = new String(CudaBackend.ptx(), StandardCharsets.US_ASCII);

    @Test
    void ptxWasBuiltFromTheCurrentSources() throws IOException {
        Map<String, String> recorded = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^// source-sha256 (\\S+) ([0-9a-f]{64})$", Pattern.MULTILINE).matcher(ptx);
        while (m.find()) {
            recorded.put(m.group(1), m.group(2));
        }
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> files = Files.list(CUDA_SOURCES)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu") || n.endsWith(".sh")).forEach(expected::add);
        }
        assertEquals(expected, new TreeSet<>(recorded.keySet()), "the PTX must record every kernel source and the build script");
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            assertEquals(e.getValue(), sha256(CUDA_SOURCES.resolve(e.getKey())),
                    "src/main/resources/dev/unfold/cuda/" + CudaBackend.PTX_RESOURCE + " is stale against src/main/cuda/"
                            + e.getKey() + ": run src/main/cuda/build-ptx.sh");
        }
    }

    /** As build-ptx.sh hashes: line ends as LF, so a checkout that converts them does not look stale. */
    static String sha256(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r", "");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ptxDeclaresWhatEveryCuda12DriverReads() {
        String version = directive("version");
        String target = directive("target");
        assertEquals("sm_50", target, "Maxwell, the oldest GPU generation CUDA 12 drivers support");
        // a CUDA 12.0 driver (525.60.13) reads PTX ISA up to 8.0
        assertTrue(VERSIONS.indexOf(version) >= 0 && VERSIONS.indexOf(version) <= VERSIONS.indexOf("8.0"),
                ".version " + version + " is newer than a CUDA 12.0 driver reads");
        assertEquals("PTX .version " + version + ", .target " + target, CudaFailures.PTX_LABEL,
                "the reason users see when the driver rejects the PTX names what it declares");
    }

    /** col2im matches the CPU only with IEEE additions: no flush to zero, no fused or approximate arithmetic. */
    @Test
    void ptxUsesExactFloatingPointOnly() {
        assertFalse(ptx.contains(".ftz"), "flush-to-zero arithmetic: built with fast math?");
        assertFalse(Pattern.compile("\\b(fma|mad)\\.\\S*f(32|64)\\b").matcher(ptx).find(), "fused float multiply-add");
        assertFalse(ptx.contains(".approx"), "approximate arithmetic");
        assertTrue(ptx.contains("add.rn.f32") && ptx.contains("add.rn.f64"), "col2im adds with round-to-nearest");
    }

    @Test
    void ptxHoldsTheKernelsTheBackendLaunches() {
        Set<String> entries = new TreeSet<>();
        Matcher m = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(").matcher(ptx);
        while (m.find()) {
            entries.add(m.group(1));
        }
        assertEquals(new TreeSet<>(CudaBackend.KERNELS), entries);
    }

    @Test
    void ptxasAcceptsThePtxAsDeclaredAndNoLowerVersion() throws Exception {
        Path ptxas = ptxas();
        assumeTrue(ptxas != null, "ptxas is not installed (CUDA toolkit); the PTX's version and target are not checked here");
        String version = directive("version");
        Path dir = Files.createTempDirectory("unfold-ptxas");
        try {
            for (String arch : List.of("sm_75", "sm_90")) {
                Result r = assemble(ptxas, dir, ptx, arch);
                assertEquals(0, r.exit, "ptxas -arch=" + arch + " rejected the shipped PTX:\n" + r.log);
            }
            String lower = VERSIONS.get(VERSIONS.indexOf(version) - 1);
            Result r = assemble(ptxas, dir, ptx.replaceFirst("(?m)^\\.version .*$", ".version " + lower), "sm_75");
            assertNotEquals(0, r.exit, ".version " + version + " is not the lowest ptxas accepts: " + lower + " passes too");
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private record Result(int exit, String log) {
    }

    private static Result assemble(Path ptxas, Path dir, String text, String arch) throws Exception {
        Path in = dir.resolve("kernels.ptx");
        Files.writeString(in, text, StandardCharsets.US_ASCII);
        List<String> cmd = new ArrayList<>(List.of(ptxas.toString(), "-arch=" + arch, "-o", dir.resolve("kernels.cubin").toString(),
                in.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ptxas did not finish");
        return new Result(p.exitValue(), log);
    }

    private String directive(String name) {
        Matcher m = Pattern.compile("(?m)^\\." + name + " (\\S+)\\s*$").matcher(ptx);
        assertTrue(m.find(), "no ." + name + " line in the PTX");
        return m.group(1);
    }

    private static Path ptxas() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                candidates.add(Path.of(dir, "ptxas"));
            }
        }
        candidates.add(Path.of("/usr/local/cuda/bin/ptxas"));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }
}
