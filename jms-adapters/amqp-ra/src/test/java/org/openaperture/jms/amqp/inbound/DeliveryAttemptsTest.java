package org.openaperture.jms.amqp.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Unsettled deliveries of an activation")
class DeliveryAttemptsTest {

    private static final AttemptHistory TWO_FAILED = new AttemptHistory("m1", 2, 1_000, 1_510, "bang");

    @Test
    @DisplayName("remember a failed attempt until its copy is sent, then until the original is acknowledged")
    void stages() {
        DeliveryAttempts attempts = new DeliveryAttempts(10);
        attempts.failed("m1", TWO_FAILED);
        assertEquals(TWO_FAILED, attempts.current("m1").history());
        assertFalse(attempts.current("m1").copied());

        attempts.copied("m1", TWO_FAILED);
        assertTrue(attempts.current("m1").copied());
        assertNull(attempts.current("m2"));
    }

    @Test
    @DisplayName("forget a message once it is settled")
    void forgets() {
        DeliveryAttempts attempts = new DeliveryAttempts(10);
        attempts.failed("m1", TWO_FAILED);
        attempts.forget("m1");
        assertNull(attempts.current("m1"));
    }

    @Test
    @DisplayName("stay bounded, dropping the ids touched least recently")
    void bounded() {
        DeliveryAttempts attempts = new DeliveryAttempts(3);
        for (int i = 0; i < 10; i++) {
            attempts.failed("m" + i, TWO_FAILED);
        }
        assertEquals(3, attempts.size());
        assertNull(attempts.current("m0"));
        assertEquals(TWO_FAILED, attempts.current("m9").history());
    }
}
