package org.openaperture.jms.amqp.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
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
    @DisplayName("of a message format, anywhere in the cause chain, say the message can never be processed")
    void messageFormat() {
        assertTrue(Failures.isMessageFormat(new MessageFormatRuntimeException("too deep")));
        assertTrue(Failures.isMessageFormat(
                new RuntimeException("container", new MessageFormatException("a map message, not text"))));
        assertFalse(Failures.isMessageFormat(new RuntimeException("container", new IllegalStateException("db"))));
    }

    @Test
    @DisplayName("are cut to 500 characters")
    void truncated() {
        String reason = Failures.reason(new RuntimeException("x".repeat(2_000)));
        assertEquals(500, reason.length());
    }
}
