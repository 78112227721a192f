package org.openaperture.workflow.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The largest unit that fits, as the original's timex_extensions printed durations. */
class HumanDurationTest {
    @Test
    void largestUnitThatFits() {
        assertEquals("0 seconds", HumanDuration.of(Duration.ZERO));
        assertEquals("1 second", HumanDuration.of(Duration.ofSeconds(1)));
        assertEquals("59 seconds", HumanDuration.of(Duration.ofSeconds(59)));
        assertEquals("1 minute", HumanDuration.of(Duration.ofSeconds(60)));
        assertEquals("59 minutes", HumanDuration.of(Duration.ofMinutes(59).plusSeconds(59)));
        assertEquals("2 hours", HumanDuration.of(Duration.ofHours(2)));
        assertEquals("3 days", HumanDuration.of(Duration.ofDays(3)));
        assertEquals("2 weeks", HumanDuration.of(Duration.ofDays(15)));
    }

    @Test
    void withoutAStartTheDurationIsUnknown() {
        assertEquals("<unknown>", HumanDuration.between(null, LocalDateTime.now()));
    }
}
