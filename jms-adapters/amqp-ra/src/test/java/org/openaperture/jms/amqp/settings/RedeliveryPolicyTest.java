package org.openaperture.jms.amqp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Redelivery policy")
class RedeliveryPolicyTest {

    private final RedeliveryPolicy defaults = new RedeliveryPolicy(5, 500, 2.0, 30_000);

    @Test
    @DisplayName("waits the initial delay after the first failed attempt, then multiplies it per attempt")
    void delaysGrowGeometrically() {
        assertEquals(500, defaults.delayAfter(1));
        assertEquals(1_000, defaults.delayAfter(2));
        assertEquals(2_000, defaults.delayAfter(3));
        assertEquals(4_000, defaults.delayAfter(4));
    }

    @Test
    @DisplayName("never waits longer than the maximum delay")
    void delaysAreCapped() {
        RedeliveryPolicy policy = new RedeliveryPolicy(10, 100, 3.0, 1_000);
        assertEquals(100, policy.delayAfter(1));
        assertEquals(300, policy.delayAfter(2));
        assertEquals(900, policy.delayAfter(3));
        assertEquals(1_000, policy.delayAfter(4));
        assertEquals(1_000, policy.delayAfter(9));
        assertEquals(30_000, defaults.delayAfter(1_000), "huge attempt numbers stay capped, no overflow");
    }

    @Test
    @DisplayName("a multiplier of 1 gives a constant delay")
    void constantDelay() {
        RedeliveryPolicy policy = new RedeliveryPolicy(4, 250, 1.0, 250);
        assertEquals(250, policy.delayAfter(1));
        assertEquals(250, policy.delayAfter(3));
    }

    @Test
    @DisplayName("counts the first delivery as attempt 1 and stops after maxAttempts in total")
    void attemptLimit() {
        assertTrue(defaults.retriesAfter(1));
        assertTrue(defaults.retriesAfter(4));
        assertFalse(defaults.retriesAfter(5), "attempt 5 of 5 failed: dead-letter");
        assertFalse(defaults.retriesAfter(6));
    }

    @Test
    @DisplayName("one attempt in total means no retry at all")
    void singleAttempt() {
        assertFalse(new RedeliveryPolicy(1, 500, 2.0, 30_000).retriesAfter(1));
    }

    @Test
    @DisplayName("rejects values that would loop hot or never end, naming the property")
    void rejectsNonsense() {
        assertMessage("maxDeliveryAttempts", () -> new RedeliveryPolicy(0, 500, 2.0, 30_000));
        assertMessage("redeliveryInitialDelay", () -> new RedeliveryPolicy(5, -1, 2.0, 30_000));
        assertMessage("redeliveryMultiplier", () -> new RedeliveryPolicy(5, 500, 0.5, 30_000));
        assertMessage("redeliveryMultiplier", () -> new RedeliveryPolicy(5, 500, Double.NaN, 30_000));
        assertMessage("redeliveryMaxDelay", () -> new RedeliveryPolicy(5, 500, 2.0, 100));
        assertThrows(IllegalArgumentException.class, () -> defaults.delayAfter(0));
    }

    private static void assertMessage(String expected, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
