package org.openaperture.common.domain;

import java.util.Optional;
import java.util.function.Function;

/**
 * How large and how deeply nested a JSON document OpenAperture reads may be: one rule for request bodies of
 * the API and for message bodies, checked before any parser sees the document. A parser that builds objects
 * recurses once per level, so a document of a few thousand nested brackets exhausts its stack; a document of
 * any size exhausts its heap.
 *
 * @param maxBytes the largest document, in bytes of UTF-8
 * @param maxDepth the deepest nesting of arrays and objects ({@code {"a":[1]}} is 2 deep)
 */
public record JsonLimits(long maxBytes, int maxDepth) {
    /** Request bodies of the API: far above any request the API takes. */
    public static final JsonLimits API = new JsonLimits(1024 * 1024, 64);

    /** Message bodies: build log batches and workflow contexts are the largest. */
    public static final JsonLimits MESSAGES = new JsonLimits(8 * 1024 * 1024, 64);

    public JsonLimits {
        if (maxBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException(
                    "JSON limits must be positive: " + maxBytes + " bytes, depth " + maxDepth);
        }
    }

    /**
     * The limits set under {@code prefix} ({@code <prefix>.max-body-bytes}, {@code <prefix>.max-json-depth}),
     * {@code defaults}' where one is not set.
     *
     * @param setting looks a setting up by name; empty when it is not set
     */
    public static JsonLimits configured(
            String prefix, Function<String, Optional<String>> setting, JsonLimits defaults) {
        return new JsonLimits(
                setting.apply(prefix + ".max-body-bytes")
                        .map(String::strip)
                        .map(Long::parseLong)
                        .orElse(defaults.maxBytes()),
                setting.apply(prefix + ".max-json-depth")
                        .map(String::strip)
                        .map(Integer::parseInt)
                        .orElse(defaults.maxDepth()));
    }

    /** Why a document of {@code bytes} bytes is refused, or null when its size is within the limit. */
    public String sizeViolation(long bytes) {
        return bytes > maxBytes ? "the body is " + bytes + " bytes, over the limit of " + maxBytes + " bytes" : null;
    }

    /** Why {@code utf8} is refused (its size or its nesting), or null when it is within the limits. */
    public String violation(byte[] utf8) {
        String size = sizeViolation(utf8.length);
        if (size != null) {
            return size;
        }
        // The structural characters are ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII.
        Nesting nesting = new Nesting();
        for (byte b : utf8) {
            if (!nesting.accept(b)) {
                return depthViolation();
            }
        }
        return null;
    }

    /** Why {@code text} is refused (its size in UTF-8 or its nesting), or null when it is within the limits. */
    public String violation(String text) {
        // A char is at most 3 bytes of UTF-8; count exactly only when that bound is over the limit.
        if ((long) text.length() * 3 > maxBytes) {
            String size = sizeViolation(utf8Length(text));
            if (size != null) {
                return size;
            }
        }
        Nesting nesting = new Nesting();
        for (int i = 0; i < text.length(); i++) {
            if (!nesting.accept(text.charAt(i))) {
                return depthViolation();
            }
        }
        return null;
    }

    private String depthViolation() {
        return "the JSON document is nested deeper than the limit of " + maxDepth + " levels";
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Follows the nesting of a JSON text one character at a time; brackets inside strings do not count. */
    private final class Nesting {
        private int depth;
        private boolean inString;
        private boolean escaped;

        /** Whether the document is still within the depth limit after {@code c}. */
        boolean accept(int c) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                return true;
            }
            switch (c) {
                case '"' -> inString = true;
                case '[', '{' -> depth++;
                case ']', '}' -> depth = Math.max(0, depth - 1);
                default -> {
                    // values and whitespace
                }
            }
            return depth <= maxDepth;
        }
    }
}
