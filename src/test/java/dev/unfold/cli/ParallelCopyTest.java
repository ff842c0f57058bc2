package dev.unfold.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParallelCopyTest {

    @ParameterizedTest(name = "{0} threads, {1} elements")
    @CsvSource({"1, 100000", "2, 100001", "3, 99999", "3, 17", "4, 32768"})
    void copiesEveryElementOnceOverAndOver(int threads, int length) {
        Random rnd = new Random(length);
        double[] src = rnd.doubles(length + 5).toArray();
        double[] dst = new double[length + 5];
        try (ParallelCopy copy = new ParallelCopy(threads)) {
            for (int round = 0; round < 3; round++) {
                Arrays.fill(dst, -1);
                copy.copy(src, dst, length);
                assertArrayEquals(Arrays.copyOf(src, length), Arrays.copyOf(dst, length));
                assertArrayEquals(new double[] {-1, -1, -1, -1, -1}, Arrays.copyOfRange(dst, length, length + 5));
            }
        }
    }
}
