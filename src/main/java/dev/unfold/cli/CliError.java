package dev.unfold.cli;

/** Something the user can fix: the command stops, and the message becomes the one line on stderr. */
final class CliError extends RuntimeException {
    CliError(String message) {
        super(message, null, false, false);
    }
}
