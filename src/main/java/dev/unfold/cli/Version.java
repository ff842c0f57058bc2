package dev.unfold.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * This build's version: the jar manifest's Implementation-Version, or, when running from classes (tests,
 * {@code mvn javafx:run}), the version Maven filtered into {@code version.properties}.
 */
public final class Version implements IVersionProvider {

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // an unreadable resource means the version is unknown, not that the command fails
        }
        return "unknown";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"unfold " + current()};
    }
}
