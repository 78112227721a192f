package org.openaperture.common.application;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The one reading of an ISO-8601 duration from configuration ({@code PT30S}, {@code PT15M}): a wrong value fails
 * naming its key, what it was and an example of what to write.
 */
public final class IsoDurations {

    private IsoDurations() {}

    /** {@code text} (surrounding blanks ignored) as a duration; else "{@code key} is 'text', not an ISO-8601 ...". */
    public static Duration parse(String key, String text, String example) {
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(
                    key + " is '" + text + "', not an ISO-8601 duration such as " + example, e);
        }
    }

    /** As {@link #parse}, and longer than zero. */
    public static Duration positive(String key, String text, String example) {
        Duration d = parse(key, text, example);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " is " + text + ": it must be longer than zero");
        }
        return d;
    }

    /** As {@link #parse}, and not negative (zero allowed). */
    public static Duration notNegative(String key, String text, String example) {
        Duration d = parse(key, text, example);
        if (d.isNegative()) {
            throw new IllegalArgumentException(key + " is " + text + ": it must not be negative");
        }
        return d;
    }
}
