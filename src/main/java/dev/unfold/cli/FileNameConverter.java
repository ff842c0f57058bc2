package dev.unfold.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * File names as typed. Java turns a name into the system's bytes with the locale's charset ({@code sun.jnu.encoding},
 * from LANG and LC_ALL, not settable from the command line), so in the C or POSIX locale, the default of many
 * containers, a name like {@code bilder/ü.npy} cannot be used at all; picocli's own converter then reports
 * {@code InvalidPathException} with an exception's name and no way out. Public for the window's {@code --screenshot}.
 */
public final class FileNameConverter implements ITypeConverter<Path> {

    @Override
    public Path convert(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new TypeConversionException(explain(text, e, fileNameCharset()));
        }
    }

    static String explain(String text, InvalidPathException e, Charset charset) {
        if (text.indexOf('\0') >= 0) {
            return "'" + text + "' holds a NUL character, which no file name can";
        }
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return "'" + text + "' cannot be a file name here: Java spells file names in the locale's charset, "
                    + charset.name() + ", which lacks some of its characters; run with a UTF-8 locale (LANG=C.UTF-8 "
                    + "or LC_ALL=C.UTF-8)";
        }
        return "'" + text + "' cannot be a file name: " + e.getReason();
    }

    /** The charset the JDK encodes file names with; the default charset where a JVM does not say. */
    private static Charset fileNameCharset() {
        try {
            String name = System.getProperty("sun.jnu.encoding");
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
