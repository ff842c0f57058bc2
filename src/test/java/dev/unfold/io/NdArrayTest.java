package dev.unfold.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unfold.core.DType;
import org.junit.jupiter.api.Test;

class NdArrayTest {

    @Test
    void shapesPrintAsNumpyPrintsThem() {
        assertEquals("(3, 4)", NdArray.formatShape(new int[] {3, 4}));
        assertEquals("(5,)", NdArray.formatShape(new int[] {5}));
        assertEquals("()", NdArray.formatShape(new int[0]));
    }

    @Test
    void dataMustFillTheShapeExactly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NdArray.of(new float[5], 2, 3));
        assertEquals("shape (2, 3) holds 6 elements but the data has 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NdArray.of(new double[0], -1, 0));
    }

    @Test
    void dtypeFollowsTheDataAndTheOtherAccessorRefuses() {
        NdArray f = NdArray.of(new float[2], 2);
        assertEquals(DType.FLOAT32, f.dtype());
        assertThrows(IllegalStateException.class, f::doubles);
        NdArray d = NdArray.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertEquals(DType.FLOAT64, d.dtype());
        assertThrows(IllegalStateException.class, d::floats);
        assertEquals(2, d.dim(1));
    }
}
