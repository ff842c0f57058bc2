package dev.unfold.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailureTextTest {

    @Test
    void aMessageOverSeveralLinesBecomesOneAndAMissingOneIsTheClassName() {
        assertEquals("first line second line", FailureText.oneLine(new IOException("  first line\r\n   second line\n")));
        assertEquals("IOException", FailureText.oneLine(new IOException(" \n ")));
        assertEquals("IllegalStateException", FailureText.oneLine(new IllegalStateException()));
    }

    @Test
    void theInnermostCauseWithAMessageIsTheOneThatSaysWhatHappened() {
        IOException disk = new IOException("No space left on device");
        RuntimeException outer = new RuntimeException("export failed", new UncheckedIOException(disk));
        assertSame(disk, FailureText.innermost(outer));
        IOException silent = new IOException((String) null);
        assertSame(disk, FailureText.innermost(new RuntimeException(new IOException(" ", disk))));
        assertNull(FailureText.innermost(new RuntimeException((String) null, silent)));
        // a blank message says nothing either: the wrapper's is the innermost that does
        RuntimeException wrapper = new RuntimeException("export failed", new IOException(" \n "));
        assertSame(wrapper, FailureText.innermost(wrapper));
    }

    @Test
    void aClauseLosesOnlyItsClosingStop() {
        assertEquals("Not a JPEG file", FailureText.clause("Not a JPEG file."));
        assertEquals("Unsupported format", FailureText.clause("Unsupported format!"));
        assertEquals("v1.2 is too old", FailureText.clause("v1.2 is too old"));
    }
}
