package org.openaperture.common.domain;

import java.util.List;
import java.util.function.Function;

/** A page of rows with the total count of rows that match, so a client knows how many pages there are. */
public record Page<T>(List<T> items, PageRequest request, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), request, total);
    }
}
