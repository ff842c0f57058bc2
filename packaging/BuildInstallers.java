import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds the installers for the OS it runs on from what {@code mvn package} left in target/: the jar, its
 * libraries, a jlink runtime with only the JDK modules they use, and jpackage with the options in
 * packaging/jpackage/. Run by {@code mvn -Pinstaller package}; also runnable by hand after a package:
 *
 * <pre>java packaging/BuildInstallers.java --name=Unfold --app-version=0.1.0 --description=... \
 *     --main-class=dev.unfold.Launcher [--types=deb,rpm] [--target=target] [--verbose]</pre>
 *
 * It runs jdeps, jlink and jpackage in this JVM through {@link ToolProvider}, so the only requirement is
 * the JDK that runs it (17 or newer, with the packaging tools jpackage needs on that OS: fakeroot and
 * dpkg-deb or rpmbuild on Linux, WiX 3 on Windows, Xcode command line tools on macOS).
 * Each OS builds its own installers; jpackage does not cross-build.
 */
public final class BuildInstallers {

    private static final Path OPTIONS = Path.of("packaging", "jpackage");
    private static final Path EXTRA_MODULES = Path.of("packaging", "jlink-modules.txt");

    private final Map<String, String> options;
    private final String os = currentOs();
    private final Path target;
    private final Path work;
    private final Path dest;

    private BuildInstallers(Map<String, String> options) {
        this.options = options;
        this.target = Path.of(options.getOrDefault("target", "target"));
        this.work = target.resolve("jpackage");
        this.dest = target.resolve("installers");
    }

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                fail("unexpected argument '" + arg + "': options are --name=, --app-version=, --description=, "
                        + "--main-class=, --main-jar=, --types=, --target=, --verbose");
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        for (String required : List.of("name", "app-version", "description", "main-class")) {
            if (options.getOrDefault(required, "").isBlank()) {
                fail("missing --" + required + "=");
            }
        }
        try {
            new BuildInstallers(options).run();
        } catch (IOException e) {
            fail(e.toString());
        }
    }

    private void run() throws IOException {
        long start = System.nanoTime();
        String mainJar = options.getOrDefault("main-jar", "unfold.jar");
        Path jar = target.resolve(mainJar);
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            fail(jar + " or " + lib + " is missing: run 'mvn package' first (or use 'mvn -Pinstaller package')");
        }
        List<String> types = types();
        System.out.println("[installers] " + os + ": building " + String.join(", ", types));

        deleteRecursively(work);
        Path input = work.resolve("input");
        Files.createDirectories(input.resolve("lib"));
        Files.copy(jar, input.resolve(mainJar));
        List<Path> jars = new ArrayList<>();
        jars.add(input.resolve(mainJar));
        try (Stream<Path> s = Files.list(lib)) {
            for (Path p : s.sorted().toList()) {
                Files.copy(p, input.resolve("lib").resolve(p.getFileName()));
                jars.add(input.resolve("lib").resolve(p.getFileName()));
            }
        }

        Path runtime = work.resolve("runtime");
        List<String> modules = modules(jars);
        System.out.println("[installers] jlink modules: " + String.join(",", modules));
        // No --compress: the installers compress better than jlink's per-class zip (measured: the .deb is
        // 11 MB smaller), and an uncompressed module image starts faster; it costs 25 MB on disk.
        long jlinkStart = System.nanoTime();
        tool("jlink", "--add-modules", String.join(",", modules), "--output", runtime.toString(),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--strip-native-commands");
        System.out.printf("[installers] jlink took %.0f s%n", (System.nanoTime() - jlinkStart) / 1e9);

        deleteRecursively(dest);
        Files.createDirectories(dest);
        String name = options.get("name");
        String version = packageVersion(options.get("app-version"));
        Map<String, Path> built = new LinkedHashMap<>();
        for (String type : types) {
            built.put(type, jpackage(type, name, version, input, mainJar, runtime));
        }

        System.out.println();
        System.out.printf("[installers] runtime image %s: %s%n", runtime, megabytes(size(runtime)));
        for (Map.Entry<String, Path> e : built.entrySet()) {
            System.out.printf("[installers] %-9s %s: %s%n", e.getKey(), e.getValue(), megabytes(size(e.getValue())));
        }
        System.out.printf("[installers] done in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** The types asked for with --types, or every type this OS can build with the tools it has. */
    private List<String> types() {
        String asked = options.getOrDefault("types", "").strip();
        if (!asked.isEmpty()) {
            return Arrays.stream(asked.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        }
        switch (os) {
            case "linux": {
                List<String> types = new ArrayList<>(List.of("app-image"));
                if (onPath("dpkg-deb") && onPath("fakeroot")) {
                    types.add("deb");
                } else {
                    System.out.println("[installers] no dpkg-deb/fakeroot here: skipping .deb");
                }
                if (onPath("rpmbuild")) {
                    types.add("rpm");
                } else {
                    System.out.println("[installers] no rpmbuild here: skipping .rpm");
                }
                return types;
            }
            case "windows":
                return List.of("msi", "exe");
            default:
                return List.of("dmg", "pkg");
        }
    }

    /**
     * What jdeps finds the jars use, plus the modules listed in packaging/jlink-modules.txt, which are only
     * reached through service lookup or by name at run time, where jdeps cannot see them.
     */
    private List<String> modules(List<Path> jars) throws IOException {
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", Integer.toString(Runtime.version().feature())));
        jars.forEach(j -> args.add(j.toString()));
        String found = tool("jdeps", args.toArray(String[]::new)).strip();
        TreeSet<String> modules = new TreeSet<>(Arrays.asList(found.split(",")));
        for (String line : Files.readAllLines(EXTRA_MODULES)) {
            String module = line.replaceAll("#.*", "").strip();
            if (!module.isEmpty()) {
                modules.add(module);
            }
        }
        return List.copyOf(modules);
    }

    private Path jpackage(String type, String name, String version, Path input, String mainJar, Path runtime)
            throws IOException {
        List<String> args = new ArrayList<>();
        args.add("@" + OPTIONS.resolve("common.args"));
        args.add("@" + OPTIONS.resolve(os + ".args"));
        if (!type.equals("app-image")) {
            args.add("@" + OPTIONS.resolve(os + "-installer.args"));
            Path perType = OPTIONS.resolve(type + ".args");
            if (Files.exists(perType)) {
                args.add("@" + perType);
            }
        }
        if (Runtime.version().feature() >= 24) {
            // Since Java 24 the runtime warns on stderr at every start when class path code loads native
            // libraries (JavaFX, JCuda) or allocates memory through sun.misc.Unsafe (JavaFX 21's Marlin
            // rasteriser); both are known and intended here. Java 17 to 23 know neither option's value.
            args.addAll(List.of("--java-options", "--enable-native-access=ALL-UNNAMED",
                    "--java-options", "--sun-misc-unsafe-memory-access=allow"));
        }
        args.addAll(List.of("--type", type, "--name", name, "--app-version", version,
                "--description", options.get("description"),
                "--input", input.toString(), "--main-jar", mainJar, "--main-class", options.get("main-class"),
                "--runtime-image", runtime.toString(), "--dest", dest.toString()));
        if (options.containsKey("verbose")) {
            args.add("--verbose");
        }

        System.out.println("[installers] jpackage --type " + type);
        long start = System.nanoTime();
        tool("jpackage", args.toArray(String[]::new));
        System.out.printf("[installers] jpackage --type %s took %.0f s%n", type, (System.nanoTime() - start) / 1e9);

        if (type.equals("app-image")) {
            Path image = dest.resolve(appImageName(name));
            if (os.equals("linux")) {
                return tarball(image, name + "-" + options.get("app-version") + "-linux-"
                        + System.getProperty("os.arch") + ".tar.gz");
            }
            return image;
        }
        Path output = built(type);
        if (!version.equals(options.get("app-version")) && os.equals("macos")) {
            // the file name carries the real version even where the bundle version had to differ
            Path renamed = output.resolveSibling(name + "-" + options.get("app-version") + "." + type);
            Files.move(output, renamed, StandardCopyOption.REPLACE_EXISTING);
            output = renamed;
        }
        return output;
    }

    /**
     * The version jpackage accepts: numbers only (a Maven qualifier such as -SNAPSHOT is dropped); on macOS
     * the first number must be at least 1 (CFBundleVersion), so a 0.x release is bundled as 1.0.0, which is
     * below every real 1.x release, and the installer file keeps the real version in its name.
     */
    private String packageVersion(String mavenVersion) {
        String numeric = mavenVersion.replaceFirst("[-+].*$", "");
        if (!numeric.matches("\\d+(\\.\\d+){0,2}")) {
            fail("version '" + mavenVersion + "' is not one to three numbers separated by dots");
        }
        if (os.equals("macos") && numeric.matches("0(\\..*)?")) {
            System.out.println("[installers] macOS bundles need a first version number of 1 or more: "
                    + "bundling " + mavenVersion + " as 1.0.0");
            return "1.0.0";
        }
        return numeric;
    }

    private static String appImageName(String name) {
        return currentOs().equals("macos") ? name + ".app" : name;
    }

    /** Packs the Linux app image as a tar.gz that runs from wherever it is unpacked (tar keeps the modes). */
    private Path tarball(Path image, String fileName) throws IOException {
        Path archive = dest.resolve(fileName);
        Files.deleteIfExists(archive);
        ProcessBuilder pb = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", dest.toString(),
                image.getFileName().toString()).inheritIO();
        try {
            if (pb.start().waitFor() != 0) {
                fail("tar could not pack " + image);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        return archive;
    }

    /** Runs a JDK tool in this JVM; a non-zero exit ends the build with the tool's own messages above it. */
    private static String tool(String name, String... args) {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(() -> new IllegalStateException("this JDK has no " + name));
        StringWriter captured = new StringWriter();
        PrintWriter out = name.equals("jdeps") ? new PrintWriter(captured) : new PrintWriter(System.out);
        int rc = tool.run(out, new PrintWriter(System.err), args);
        out.flush();
        System.err.flush();
        if (rc != 0) {
            fail(name + " failed (exit " + rc + ")" + (captured.getBuffer().length() > 0 ? ": " + captured : ""));
        }
        return captured.toString();
    }

    private static String currentOs() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.startsWith("mac")) {
            return "macos";
        }
        return "linux";
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** The package jpackage just wrote: dest is emptied at the start, so it is the only file of its type. */
    private Path built(String type) throws IOException {
        try (Stream<Path> s = Files.list(dest)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().endsWith("." + type)).toList();
            if (found.size() != 1) {
                fail("expected one ." + type + " in " + dest + ", found " + found);
            }
            return found.get(0);
        }
    }

    private static long size(Path p) throws IOException {
        if (Files.isRegularFile(p)) {
            return Files.size(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static void fail(String message) {
        System.err.println("[installers] error: " + message);
        System.exit(1);
    }
}
