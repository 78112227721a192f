package org.openaperture.common.domain;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one clock of the model: timestamps are stored as UTC without zone (as the original Manager did) and
 * rendered in RFC 1123 with {@code GMT}, a format that other components parse back.
 */
public final class Timestamps {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private Timestamps() {}

    public static LocalDateTime nowUtc() {
        return LocalDateTime.now(Clock.systemUTC());
    }

    public static String rfc1123(LocalDateTime utc) {
        return utc == null ? null : RFC_1123.format(utc.atOffset(ZoneOffset.UTC));
    }
}
