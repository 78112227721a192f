package org.openaperture.jms.amqp.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Failure reasons")
class FailuresTest {

    @Test
    @DisplayName("name the innermost cause, class and message, because containers wrap what listeners throw")
    void innermostCause() {
        Exception wrapped = new RuntimeException("container", new IllegalArgumentException("bad json"));
        assertEquals("java.lang.IllegalArgumentException: bad json", Failures.reason(wrapped));
        assertEquals("java.lang.IllegalStateException", Failures.reason(new IllegalStateException()));
    }

    @Test
    @DisplayName("are cut to 500 characters")
    void truncated() {
        String reason = Failures.reason(new RuntimeException("x".repeat(2_000)));
        assertEquals(500, reason.length());
    }
}
