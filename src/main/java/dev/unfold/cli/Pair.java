package dev.unfold.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A (height, width) pair as typed on the command line: {@code 3} means 3,3; {@code 3,5} means 3 high, 5 wide. */
record Pair(int height, int width) {

    @Override
    public String toString() {
        return height == width ? Integer.toString(height) : height + "," + width;
    }

    /** Parses numbers as typed, negative included: the geometry, not the parser, says which are allowed. */
    static final class Converter implements ITypeConverter<Pair> {
        @Override
        public Pair convert(String text) {
            int[] v = Numbers.parse(text, "a number or a pair like 3 or 3,5");
            return switch (v.length) {
                case 1 -> new Pair(v[0], v[0]);
                case 2 -> new Pair(v[0], v[1]);
                default -> throw new TypeConversionException("'" + text + "' has " + v.length
                        + " numbers; give one (both sides) or two (height,width)");
            };
        }
    }
}
