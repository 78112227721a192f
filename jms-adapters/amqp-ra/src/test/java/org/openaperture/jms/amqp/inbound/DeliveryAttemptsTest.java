package org.openaperture.jms.amqp.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.jms.amqp.inbound.DeliveryAttempts.Attempt;

@DisplayName("Delivery attempts")
class DeliveryAttemptsTest {

    @Test
    @DisplayName("counts attempts per message id and keeps the time of the first and the last failure")
    void counts() {
        DeliveryAttempts attempts = new DeliveryAttempts(10);
        attempts.begin("m1", 1_000);
        attempts.failed("m1", "boom", 1_010);
        Attempt second = attempts.begin("m1", 1_500);
        Attempt failed = attempts.failed("m1", "bang", 1_510);

        assertEquals(2, second.number());
        assertEquals(new Attempt(2, 1_000, 1_510, "bang"), failed);
        assertEquals(failed, attempts.current("m1"));
        assertNull(attempts.current("m2"));
    }

    @Test
    @DisplayName("forgets a message once it is settled")
    void forgets() {
        DeliveryAttempts attempts = new DeliveryAttempts(10);
        attempts.begin("m1", 1);
        attempts.forget("m1");
        assertEquals(1, attempts.begin("m1", 2).number());
    }

    @Test
    @DisplayName("stays bounded, dropping the ids touched least recently")
    void bounded() {
        DeliveryAttempts attempts = new DeliveryAttempts(3);
        for (int i = 0; i < 10; i++) {
            attempts.begin("m" + i, i);
        }
        assertEquals(3, attempts.size());
        assertNull(attempts.current("m0"));
        assertEquals(1, attempts.current("m9").number());
    }
}
