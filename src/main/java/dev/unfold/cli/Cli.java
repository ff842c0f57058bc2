package dev.unfold.cli;

import dev.unfold.core.FailureText;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line: {@code im2col}, {@code col2im}, {@code info}, {@code bench}, and {@code render}, which draws the
 * window's animation headless.
 *
 * <p>Exit codes: 0 done, {@link #ERROR} (2) for any error. An error is exactly one line {@code unfold: <what is wrong>}
 * on stderr; picocli's own messages for unknown options and bad values go through the same handler,
 * and nothing a command throws reaches the user as a stack trace.
 */
public final class Cli {

    public static final int ERROR = 2;

    private static final String COMMANDS = "im2col, col2im, info, bench, render or help";

    private Cli() {
    }

    @Command(name = "unfold", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "im2col and col2im on .npy files, and benchmarks of the backends.",
            subcommands = {Im2colCommand.class, Col2imCommand.class, InfoCommand.class, BenchCommand.class,
                    dev.unfold.app.headless.RenderCommand.class, CommandLine.HelpCommand.class},
            footer = {"", "Exit codes: 0 done; 2 on any error, with one line 'unfold: ...' on stderr.",
                    "With no arguments the jar opens the application window."})
    static final class Root implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "missing command: give one of " + COMMANDS);
        }
    }

    /** Runs one command with the process's stdout and stderr and returns its exit code. */
    public static int run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return run(args, out, err);
    }

    /** Runs one command, writing to the given streams, and returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, CommandLine.defaultFactory());
    }

    /** {@link #run(String[], PrintWriter, PrintWriter)} with the commands made by {@code commands}. */
    static int run(String[] args, PrintWriter out, PrintWriter err, CommandLine.IFactory commands) {
        try {
            CommandLine cli = new CommandLine(new Root(), commands);
            cli.setExpandAtFiles(false); // "@x.npy" is a file name, not a file of arguments to splice in
            cli.registerConverter(Path.class, new FileNameConverter());
            cli.setOut(out);
            cli.setErr(err);
            cli.setParameterExceptionHandler((ex, given) -> fail(err, parameterMessage(ex) + dashHint(ex, given)));
            cli.setExecutionExceptionHandler((ex, command, parsed) -> fail(err, executionMessage(ex)));
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            return fail(err, "out of memory; use smaller arrays, or raise -Xmx");
        } catch (RuntimeException | Error e) { // last line of defence: still one line, never a stack trace
            return fail(err, "internal error: " + e.getClass().getSimpleName() + ": " + FailureText.oneLine(e));
        } finally {
            out.flush();
        }
    }

    private static String parameterMessage(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && ex.getCommandLine().getCommandSpec().parent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + u.getUnmatched().get(0) + "' (expected " + COMMANDS + ")";
        }
        String hint = ex.getCommandLine().getCommandSpec().qualifiedName(" ");
        return FailureText.oneLine(ex) + " (see '" + hint + " --help')";
    }

    /** picocli takes "-y.npy" for an option, so a file of that name leaves its parameter missing: say how to give it. */
    private static String dashHint(ParameterException ex, String[] given) {
        if (!(ex instanceof CommandLine.MissingParameterException)) {
            return "";
        }
        for (String a : given) {
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("-") && a.toLowerCase(java.util.Locale.ROOT).endsWith(".npy")) {
                return "; a file name that starts with '-' goes after '--' (… -- " + a + ") or as ./" + a;
            }
        }
        return "";
    }

    private static String executionMessage(Exception ex) {
        if (ex instanceof CliError || ex instanceof IllegalArgumentException) {
            return FailureText.oneLine(ex);
        }
        return "internal error: " + ex.getClass().getSimpleName() + ": " + FailureText.oneLine(ex);
    }

    private static int fail(PrintWriter err, String message) {
        err.println("unfold: " + printable(escapeControls(message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip())));
        err.flush();
        return ERROR;
    }

    /**
     * Control characters as {@code \xNN}: a message may quote a file's header or a name, and an escape sequence
     * in it would reach the terminal.
     */
    static String escapeControls(String message) {
        StringBuilder b = new StringBuilder(message.length());
        message.chars().forEach(ch -> {
            if (ch < 0x20 || (ch >= 0x7F && ch < 0xA0)) {
                b.append(String.format("\\x%02x", ch));
            } else {
                b.append((char) ch);
            }
        });
        return b.toString();
    }

    /** The message with its maths signs spelled in ASCII when stderr's charset cannot show them. */
    static String printable(String message) {
        return printable(message, ERROR_CHARSET);
    }

    static String printable(String message, Charset charset) {
        if (charset.newEncoder().canEncode(message)) {
            return message;
        }
        return message.replace('−', '-').replace("·", "*").replace('×', 'x').replace("≥", ">=")
                .replace("≤", "<=").replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static final Charset ERROR_CHARSET = errorCharset(System::getProperty);

    /**
     * The charset System.err encodes with: {@code stderr.encoding} from Java 18 on; on Java 17
     * {@code sun.stderr.encoding} where the JDK sets it (a Windows console), else the default charset.
     */
    static Charset errorCharset(UnaryOperator<String> property) {
        for (String key : List.of("stderr.encoding", "sun.stderr.encoding")) {
            String name = property.apply(key);
            if (name != null) {
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    // a name this JVM does not know: the JDK's stream falls back too
                }
            }
        }
        return Charset.defaultCharset();
    }
}
