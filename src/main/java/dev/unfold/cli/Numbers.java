package dev.unfold.cli;

import picocli.CommandLine.TypeConversionException;

/** Comma-separated whole numbers, as options like {@code --kernel 3,5} and {@code --shape 1,3,28,28} take them. */
final class Numbers {
    private Numbers() {
    }

    static int[] parse(String text, String expected) {
        String[] parts = text.split(",", -1);
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (!p.matches("[+-]?\\d+")) {
                throw new TypeConversionException("'" + text + "' is not " + expected);
            }
            try {
                values[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + p + "' is too large (at most " + Integer.MAX_VALUE + ")");
            }
        }
        return values;
    }
}
