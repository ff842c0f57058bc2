import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * It runs jdeps, jlink and jpackage through {@link ToolProvider} or from the JDK that runs it, so the only
 * requirement is that JDK (17 or newer, with the packaging tools jpackage needs on that OS: fakeroot and
 * dpkg-deb or rpmbuild on Linux, WiX 3 on Windows, Xcode command line tools on macOS).
 * Each OS builds its own installers; jpackage does not cross-build. jpackage makes the app image once, and
 * the installers are made from it with --app-image: on Linux the image gets a class-data archive in between
 * (see {@link #classDataArchive}).
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
        legal(lib, input.resolve("legal"));
        Path runtime = runtime(modules(jars));

        deleteRecursively(dest);
        Files.createDirectories(dest);
        String name = options.get("name");
        String version = packageVersion(options.get("app-version"));
        String archiveName = mainJar.replaceFirst("\\.jar$", "") + ".jsa";
        Path image = appImage(name, version, input, mainJar, runtime, archiveName);
        long epoch = sourceDateEpoch();
        Path archive = os.equals("linux") ? classDataArchive(image, name, archiveName, epoch) : null;
        Map<String, Path> built = new LinkedHashMap<>();
        for (String type : types) {
            built.put(type, type.equals("app-image") ? publish(image, name)
                    : installer(type, name, version, image, epoch));
        }

        System.out.println();
        System.out.printf("[installers] runtime image %s: %s%n", runtime, megabytes(size(runtime)));
        if (archive != null) {
            System.out.printf("[installers] class-data archive %s: %s%n", archive, megabytes(size(archive)));
        }
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

    /**
     * jlink's runtime of the given modules, with the JDK's class-data archive (lib/server/classes.jsa), which
     * spares every start loading and verifying the JDK's own classes one by one: a downloaded JDK has one, a
     * jlink image only when asked with --generate-cds-archive. That plugin runs the image's bin/java, so the
     * commands (java, keytool, jfr) are deleted afterwards instead of left out with --strip-native-commands.
     */
    private Path runtime(List<String> modules) throws IOException {
        Path runtime = work.resolve("runtime");
        System.out.println("[installers] jlink modules: " + String.join(",", modules));
        // No --compress: the installers compress better than jlink's per-class zip (measured: the .deb is
        // 11 MB smaller), and an uncompressed module image starts faster; it costs 25 MB on disk.
        long jlinkStart = System.nanoTime();
        tool("jlink", "--add-modules", String.join(",", modules), "--output", runtime.toString(),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--generate-cds-archive");
        System.out.printf("[installers] jlink took %.0f s%n", (System.nanoTime() - jlinkStart) / 1e9);
        Path bin = runtime.resolve("bin");
        try (Stream<Path> s = Files.list(bin)) {
            for (Path p : s.toList()) {
                // on Windows bin/ also holds the runtime's DLLs, jvm.dll and its archive
                if (os.equals("windows") ? p.getFileName().toString().endsWith(".exe") : Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> s = Files.list(bin)) {
            if (s.findAny().isEmpty()) {
                Files.delete(bin);
            }
        }
        // The archive for heaps over 32 GB (no compressed references): 11 MB that a classroom machine never
        // maps, and the application's archive is built on the other one anyway.
        Files.deleteIfExists((os.equals("windows") ? bin : runtime.resolve("lib")).resolve("server")
                .resolve("classes_nocoops.jsa"));
        return runtime;
    }

    /**
     * The app image (jpackage --type app-image), in target/jpackage/image; the installers are made from it.
     * On Linux its launcher maps the class-data archive that {@link #classDataArchive} puts beside the jars.
     */
    private Path appImage(String name, String version, Path input, String mainJar, Path runtime, String archiveName)
            throws IOException {
        Path images = work.resolve("image");
        List<String> args = new ArrayList<>();
        args.add("@" + OPTIONS.resolve("common.args"));
        args.add("@" + OPTIONS.resolve(os + ".args"));
        if (Runtime.version().feature() >= 24) {
            // Since Java 24 the runtime warns on stderr at every start when class path code loads native
            // libraries (JavaFX, JCuda) or allocates memory through sun.misc.Unsafe (JavaFX 21's Marlin
            // rasteriser); both are known and intended here. Java 17 to 23 know neither option's value.
            args.addAll(List.of("--java-options", "--enable-native-access=ALL-UNNAMED",
                    "--java-options", "--sun-misc-unsafe-memory-access=allow"));
        }
        if (os.equals("linux")) {
            // -Xshare is auto: an archive that is missing, or made for other jars or another Java, is not used
            // and the app starts as without one. Java then warns on stdout, where it would mix with the command
            // line's output, so the warnings of CDS (and of its dynamic archive) are turned off.
            args.addAll(List.of("--java-options", "-XX:SharedArchiveFile=$APPDIR/" + archiveName,
                    "--java-options", "-Xlog:cds=off", "--java-options", "-Xlog:cds+dynamic=off"));
        }
        args.addAll(List.of("--type", "app-image", "--name", name, "--app-version", version,
                "--description", options.get("description"),
                "--input", input.toString(), "--main-jar", mainJar, "--main-class", options.get("main-class"),
                "--runtime-image", runtime.toString(), "--dest", images.toString()));
        if (options.containsKey("verbose")) {
            args.add("--verbose");
        }
        System.out.println("[installers] jpackage --type app-image");
        long start = System.nanoTime();
        tool("jpackage", args.toArray(String[]::new));
        System.out.printf("[installers] jpackage --type app-image took %.0f s%n", (System.nanoTime() - start) / 1e9);
        return images.resolve(appImageName(name));
    }

    /** The app image as a result: on Linux a tar.gz that runs from wherever it is unpacked, elsewhere the folder. */
    private Path publish(Path image, String name) throws IOException {
        if (os.equals("linux")) {
            return tarball(image, name + "-" + options.get("app-version") + "-linux-"
                    + System.getProperty("os.arch") + ".tar.gz");
        }
        Path copy = dest.resolve(image.getFileName());
        try (Stream<Path> s = Files.walk(image)) {
            for (Path p : s.toList()) {
                Files.copy(p, copy.resolve(image.relativize(p).toString()), LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    /** An installer made from the app image with jpackage --app-image. */
    private Path installer(String type, String name, String version, Path image, long epoch) throws IOException {
        List<String> args = new ArrayList<>();
        args.add("@" + OPTIONS.resolve("common.args"));
        args.add("@" + OPTIONS.resolve(os + "-installer.args"));
        Path perType = OPTIONS.resolve(type + ".args");
        if (Files.exists(perType)) {
            args.add("@" + perType);
        }
        args.addAll(List.of("--type", type, "--name", name, "--app-version", version,
                "--description", options.get("description"),
                "--app-image", image.toString(), "--dest", dest.toString()));
        if (os.equals("linux")) {
            args.addAll(List.of("--resource-dir", linuxResources(version).toString()));
        }
        if (options.containsKey("verbose")) {
            args.add("--verbose");
        }

        System.out.println("[installers] jpackage --type " + type);
        long start = System.nanoTime();
        if (os.equals("linux")) {
            // jpackage copies the image before dpkg-deb or rpmbuild packs it, and the copies carry the time of
            // copying. Clamped to the epoch (SOURCE_DATE_EPOCH), the packed files keep the times that the
            // class-data archive was made against; rpmbuild clamps only when a macro says so.
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SOURCE_DATE_EPOCH", Long.toString(epoch));
            if (type.equals("rpm")) {
                Path home = work.resolve("rpm-home");
                Files.createDirectories(home);
                Files.writeString(home.resolve(".rpmmacros"), "%clamp_mtime_to_source_date_epoch 1\n");
                env.put("HOME", home.toString());
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "jpackage").toString());
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
            pb.environment().putAll(env);
            if (waitFor(pb.start(), 1800) != 0) {
                fail("jpackage --type " + type + " failed");
            }
        } else {
            tool("jpackage", args.toArray(String[]::new));
        }
        System.out.printf("[installers] jpackage --type %s took %.0f s%n", type, (System.nanoTime() - start) / 1e9);

        Path output = built(type);
        if (!version.equals(options.get("app-version")) && os.equals("macos")) {
            // the file name carries the real version even where the bundle version had to differ
            Path renamed = output.resolveSibling(name + "-" + options.get("app-version") + "." + type);
            Files.move(output, renamed, StandardCopyOption.REPLACE_EXISTING);
            output = renamed;
        }
        return output;
    }

    /** The launcher's first run, headless up to the first frame, with the image where the packages install it. */
    private static final String TRAINING_RUN = """
            set -eu
            image=$1 install=$2 launcher=$2/bin/$3
            mount -t tmpfs unfold-cds "${install%/*}"
            mkdir -p "$install"
            mount --bind "$image" "$install"
            _JAVA_OPTIONS=$4 "$launcher" --headless --startup-time
            _JAVA_OPTIONS=$5 "$launcher" --version
            """;

    /**
     * Puts lib/app/unfold.jsa into the Linux app image: a dynamic class-data archive (AppCDS) of the classes
     * the window loads up to its first frame, which the launcher then maps at start instead of loading,
     * verifying and linking them from the jars. It is made by running the image once, headless, up to its
     * first frame with -XX:ArchiveClassesAtExit, and checked by a start with -Xshare:on, which fails where the
     * archive cannot be used.
     *
     * <p>Java 17 uses an archive only with the class path it was made with: the same absolute paths (Java 20
     * and later also accept another folder), each jar with the same size and modification time. So the training
     * run sees the image where the packages install it (/opt/unfold), through a bind mount in a mount namespace
     * of its own (unshare; nothing outside it sees the mount, and it needs no root where user namespaces are
     * allowed), and every file's time is set to the epoch to which dpkg-deb and rpmbuild then clamp the times
     * of the files they pack. Where paths or jars differ (the tar.gz unpacked elsewhere, a jar replaced), Java
     * starts without the archive (see {@link #appImage}). Where unshare cannot mount, the build goes on without
     * an archive and says so.
     *
     * @return the archive, or null where none could be made
     */
    private Path classDataArchive(Path image, String name, String archiveName, long epoch) throws IOException {
        String installDir = linuxInstallDir();
        Path parent = Path.of(installDir).getParent();
        if (image.toAbsolutePath().startsWith(parent)) {
            return noArchive("the build is under " + parent + ", which the training run has to mount over");
        }
        List<String> unshare = mountNamespace(parent);
        if (unshare == null) {
            return noArchive("'unshare --mount' cannot mount over " + parent
                    + " here (it needs user namespaces or root, and " + parent + " must exist)");
        }
        try (Stream<Path> s = Files.walk(image)) {
            for (Path p : s.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, FileTime.from(epoch, TimeUnit.SECONDS));
                }
            }
        }
        Path home = Files.createTempDirectory("unfold-cds-home");
        if (home.toString().matches(".*[\\s\"'].*")) {
            deleteRecursively(home);
            return noArchive("the temporary folder " + home + " has a space or quote in its name");
        }
        String part = archiveName + ".part";
        String appDir = installDir + "/lib/app/";
        // the training run's options override the launcher's -XX:SharedArchiveFile, which names the archive
        // being made, with the JDK's own archive as the base of the new one
        String dump = String.join(" ", "-XX:SharedArchiveFile=" + installDir + "/lib/runtime/lib/server/classes.jsa",
                "-XX:ArchiveClassesAtExit=" + appDir + part, "-Duser.home=" + home, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off");
        String check = "-Xshare:on -XX:SharedArchiveFile=" + appDir + part;
        List<String> command = new ArrayList<>(unshare);
        command.addAll(List.of("sh", "-c", TRAINING_RUN, "sh", image.toAbsolutePath().toString(), installDir, name,
                dump, check));
        Path log = work.resolve("cds-training.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeAll(List.of("DISPLAY", "WAYLAND_DISPLAY", "JAVA_TOOL_OPTIONS",
                "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        pb.environment().put("HOME", home.toString());
        System.out.println("[installers] class-data archive: training run of the app image at " + installDir);
        long start = System.nanoTime();
        int rc = waitFor(pb.start(), 300);
        deleteRecursively(home);
        Path made = image.resolve("lib").resolve("app").resolve(part);
        if (rc != 0 || !Files.isRegularFile(made)) {
            Files.deleteIfExists(made);
            List<String> lines = Files.readAllLines(log);
            lines.subList(0, Math.max(0, lines.size() - 20)).clear();
            lines.forEach(l -> System.out.println("    " + l));
            return noArchive("the training run failed (exit " + rc + "; log in " + log + ")");
        }
        Path archive = made.resolveSibling(archiveName);
        Files.move(made, archive, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(archive, FileTime.from(epoch, TimeUnit.SECONDS));
        String firstFrame = Files.readAllLines(log).stream().filter(l -> l.startsWith("start to first frame"))
                .findFirst().orElse("");
        System.out.printf("[installers] class-data archive made in %.0f s (%s)%n", (System.nanoTime() - start) / 1e9,
                firstFrame);
        return archive;
    }

    private static Path noArchive(String why) {
        System.out.println("[installers] WARNING: no class-data archive, so the installed app starts slower: " + why);
        return null;
    }

    /** The unshare command that can mount over the given folder, as an unprivileged user or as root, or null. */
    private static List<String> mountNamespace(Path over) {
        if (!onPath("unshare")) {
            return null;
        }
        for (List<String> unshare : List.of(List.of("unshare", "--user", "--map-root-user", "--mount"),
                List.of("unshare", "--mount"))) {
            List<String> probe = new ArrayList<>(unshare);
            probe.addAll(List.of("sh", "-c", "mount -t tmpfs unfold-probe \"$1\"", "sh", over.toString()));
            try {
                if (waitFor(new ProcessBuilder(probe).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start(), 30) == 0) {
                    return unshare;
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** Where the Linux packages install the app image: linux-installer.args' --install-dir/--linux-package-name. */
    private static String linuxInstallDir() throws IOException {
        return linuxInstallerOption("--install-dir").replaceFirst("/+$", "") + "/"
                + linuxInstallerOption("--linux-package-name");
    }

    /** The value of an option that linux-installer.args must give. */
    private static String linuxInstallerOption(String option) throws IOException {
        List<String> tokens = new ArrayList<>();
        for (String line : Files.readAllLines(OPTIONS.resolve("linux-installer.args"))) {
            if (!line.strip().startsWith("#")) {
                Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
                while (m.find()) {
                    tokens.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        int at = tokens.indexOf(option);
        if (at < 0 || at + 1 >= tokens.size()) {
            fail(OPTIONS.resolve("linux-installer.args") + " must give " + option);
        }
        return tokens.get(at + 1);
    }

    /**
     * The Linux packages' own resources (packaging/jpackage/linux-resources: the .desktop file, the .deb's control,
     * copyright and maintainer scripts, the .rpm's spec) with the install folder and version put in. jpackage's placeholders for
     * the version differ between Java 17 and later, so the build puts it in itself.
     */
    private Path linuxResources(String version) throws IOException {
        Path from = OPTIONS.resolve("linux-resources");
        Path to = work.resolve("linux-resources");
        deleteRecursively(to);
        Files.createDirectories(to);
        String installDir = linuxInstallDir();
        String release = version + "-" + linuxInstallerOption("--linux-app-release");
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.sorted().toList()) {
                Path out = to.resolve(p.getFileName());
                Files.writeString(out, Files.readString(p).replace("@INSTALL_DIR@", installDir)
                        .replace("@VERSION@", release));
                Files.setPosixFilePermissions(out, Files.getPosixFilePermissions(p));
            }
        }
        return to;
    }

    /**
     * Unfold's licence and the third-party notices (packaging/licenses, the bundled font's licence) into the
     * image's lib/app/legal. The notices end with the jars they cover; a jar not in that list fails the build,
     * so that a new or updated dependency cannot ship without its licence being looked at.
     */
    private static void legal(Path lib, Path legal) throws IOException {
        Path notices = Path.of("packaging", "licenses", "THIRD-PARTY-NOTICES.txt");
        List<String> listed = Files.readAllLines(notices).stream().map(String::strip).toList();
        List<String> unlisted = new ArrayList<>();
        try (Stream<Path> s = Files.list(lib)) {
            for (Path p : s.sorted().toList()) {
                String jar = p.getFileName().toString();
                if (listed.stream().noneMatch(n -> !n.isEmpty() && (jar.equals(n + ".jar") || jar.startsWith(n + "-")
                        && jar.substring(n.length()).matches("-(linux|win|mac)[-\\w]*\\.jar")))) {
                    unlisted.add(jar);
                }
            }
        }
        if (!unlisted.isEmpty()) {
            fail(notices + " does not list " + String.join(", ", unlisted) + ": add each with its licence");
        }
        Files.createDirectories(legal);
        Files.copy(Path.of("LICENSE"), legal.resolve("LICENSE"));
        try (Stream<Path> s = Files.list(Path.of("packaging", "licenses"))) {
            for (Path p : s.sorted().toList()) {
                Files.copy(p, legal.resolve(p.getFileName()));
            }
        }
        Files.copy(Path.of("src", "main", "resources", "dev", "unfold", "app", "fonts", "NanumGothic-LICENSE.txt"),
                legal.resolve("NanumGothic-LICENSE.txt"));
    }

    /**
     * The time given to every file of the Linux packages: SOURCE_DATE_EPOCH where set (reproducible builds),
     * otherwise now; never later than now, since the packaging tools only clamp later times down to it.
     */
    private static long sourceDateEpoch() {
        long now = System.currentTimeMillis() / 1000;
        try {
            return Math.min(now, Long.parseLong(System.getenv().getOrDefault("SOURCE_DATE_EPOCH", "").strip()));
        } catch (NumberFormatException e) {
            return now;
        }
    }

    private static int waitFor(Process process, long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
            return -1;
        }
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

    /** Packs the Linux app image as a tar.gz that runs from wherever it is unpacked (tar keeps modes and times). */
    private Path tarball(Path image, String fileName) throws IOException {
        Path archive = dest.resolve(fileName);
        Files.deleteIfExists(archive);
        ProcessBuilder pb = new ProcessBuilder("tar", "-czf", archive.toString(), "-C",
                image.toAbsolutePath().getParent().toString(), image.getFileName().toString()).inheritIO();
        if (waitFor(pb.start(), 600) != 0) {
            fail("tar could not pack " + image);
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
