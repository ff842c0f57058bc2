package dev.unfold.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The double kernels are the float kernels with the element type swapped; a fix to one must reach both. */
class KernelTwinsTest {

    @Test
    void doubleKernelsAreTheFloatKernelsWithTheTypeSwapped() throws Exception {
        Path dir = Path.of("src/main/java/dev/unfold/cpu");
        String floats = Files.readString(dir.resolve("FloatKernels.java"));
        String doubles = Files.readString(dir.resolve("DoubleKernels.java"));
        String swapped = floats.replace("FloatKernels", "DoubleKernels")
                .replaceAll("\\bfloat\\b", "double")
                .replaceAll("\\b0f\\b", "0.0");
        assertEquals(swapped, doubles, "regenerate: sed -e 's/FloatKernels/DoubleKernels/g; s/\\bfloat\\b/double/g; "
                + "s/\\b0f\\b/0.0/g' FloatKernels.java > DoubleKernels.java");
    }
}
