package dev.unfold.cli;

import dev.unfold.core.Availability;
import dev.unfold.core.Backends;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "info", header = "Show the version, the Java runtime and the backends that work here.",
        mixinStandardHelpOptions = true, versionProvider = Version.class,
        footer = "For a backend that does not work, the line says why (for CUDA: no device, driver or library).")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Runtime rt = Runtime.getRuntime();
        out.println("unfold " + Version.current());
        out.printf(Locale.ROOT, "java %s (%s %s), %d processors, max heap %.1f GiB%n",
                System.getProperty("java.version"), System.getProperty("java.vm.vendor"),
                System.getProperty("java.vm.name"), rt.availableProcessors(), rt.maxMemory() / 1073741824.0);
        Backends backends = Backends.discover();
        List<String> names = new ArrayList<>(backends.names());
        if (!names.contains("cuda")) {
            names.add("cuda"); // a missing provider is itself the reason CUDA is unavailable
        }
        out.println("backends:");
        for (String name : names) {
            Availability a = backends.availability(name);
            out.printf(Locale.ROOT, "  %-5s %-12s %s%n", name, a.available() ? "available" : "unavailable", a.detail());
        }
        out.println("--backend auto uses " + (backends.availability("cuda").available() ? "cuda" : "cpu"));
        return 0;
    }
}
