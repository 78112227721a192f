package org.openaperture.manager.interfaces.rest;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Function;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.common.domain.Page;
import org.openaperture.common.domain.PageRequest;

/**
 * Lists that grow: without {@code page} or {@code per_page} they answer the original plain array; with
 * either, an object with the page's {@code items} and the {@code total} that match.
 */
final class Lists {

    private Lists() {}

    /** One page of a list, as answered when paging was asked for. */
    public record PageJson<T>(List<T> items, int page, int perPage, long total) {}

    /** The page asked for, or null when the client asked for the whole list. */
    static PageRequest pageRequest(String page, String perPage) {
        if (page == null && perPage == null) {
            return null;
        }
        return new PageRequest(
                page == null ? 1 : integer("page", page),
                perPage == null ? PageRequest.DEFAULT_PER_PAGE : integer("per_page", perPage));
    }

    static <T, R> Response answer(Page<T> page, Function<T, R> mapper) {
        List<R> items = page.items().stream().map(mapper).toList();
        if (page.request() == null) {
            return Response.ok(items).build();
        }
        return Response.ok(new PageJson<>(
                        items, page.request().page(), page.request().perPage(), page.total()))
                .build();
    }

    /** A query parameter that must be a whole number; a clear 400 otherwise (JAX-RS alone would answer 404). */
    static Integer integer(String name, String value) {
        return whole(name, value, Integer::valueOf);
    }

    static Long id(String name, String value) {
        return whole(name, value, Long::valueOf);
    }

    private static <N extends Number> N whole(String name, String value, Function<String, N> parse) {
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name, name + " must be a whole number, not '" + value + "'");
        }
    }

    static Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidRequestException(name, name + " must be true or false, not '" + value + "'");
        };
    }
}
