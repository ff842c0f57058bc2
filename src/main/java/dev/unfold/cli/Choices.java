package dev.unfold.cli;

import dev.unfold.core.BackendChoice;
import dev.unfold.core.DType;
import dev.unfold.core.Layout;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for the word-valued options; each reuses the core's own parser and its message. */
final class Choices {
    private Choices() {
    }

    private static <T> T convert(String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static final class LayoutConverter implements ITypeConverter<Layout> {
        @Override
        public Layout convert(String text) {
            return Choices.convert(text, Layout::parse);
        }
    }

    static final class BackendConverter implements ITypeConverter<BackendChoice> {
        @Override
        public BackendChoice convert(String text) {
            return Choices.convert(text, BackendChoice::parse);
        }
    }

    static final class DTypeConverter implements ITypeConverter<DType> {
        @Override
        public DType convert(String text) {
            return Choices.convert(text, DType::parse);
        }
    }
}
