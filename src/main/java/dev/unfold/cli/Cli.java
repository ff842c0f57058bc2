package dev.unfold.cli;

/** The command line: {@code im2col}, {@code col2im}, {@code info}, {@code bench}. */
public final class Cli {
    private Cli() {
    }

    /** Runs one command and returns its exit code: 0 done, 2 bad input (one line on stderr). */
    public static int run(String[] args) {
        System.err.println("unfold: unknown command '" + args[0] + "'");
        return 2;
    }
}
