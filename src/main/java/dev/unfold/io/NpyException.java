package dev.unfold.io;

import java.io.IOException;

/** A file that is not a .npy array this program can use; the message is one line a user can act on. */
public final class NpyException extends IOException {
    public NpyException(String message) {
        super(message);
    }
}
