package dev.unfold.core;

import java.util.List;

/** A geometry that cannot be computed; {@link #problems()} has one human-readable line per problem. */
public final class GeometryException extends IllegalArgumentException {
    private final List<String> problems;

    public GeometryException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
