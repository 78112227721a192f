package org.openaperture.jms.amqp.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Failover rule: when an activation changes brokers")
class FailoverRuleTest {

    @Test
    @DisplayName("without a failover broker it reconnects to its broker forever")
    void noFailoverNeverSwitches() {
        FailoverRule rule = new FailoverRule(false, 5, true);
        for (int i = 0; i < 1_000; i++) {
            assertFalse(rule.connectFailed());
        }
        assertFalse(rule.onFailover());
        assertFalse(rule.probesPrimary());
        assertEquals(1_000, rule.failures());
    }

    @Test
    @DisplayName("it switches to the failover broker after 5 consecutive failed attempts, not before")
    void switchesAfterFiveFailures() {
        FailoverRule rule = new FailoverRule(true, 5, false);
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertFalse(rule.connectFailed(), "attempt " + attempt);
            assertFalse(rule.onFailover());
        }
        assertTrue(rule.connectFailed(), "the fifth failed attempt switches");
        assertTrue(rule.onFailover());
        assertEquals(0, rule.failures(), "the failover broker gets its own count");
    }

    @Test
    @DisplayName("a connection in between starts the count again: only consecutive failures count")
    void onlyConsecutiveFailuresCount() {
        FailoverRule rule = new FailoverRule(true, 3, false);
        rule.connectFailed();
        rule.connectFailed();
        rule.connected(); // e.g. it connected, and later lost the connection
        assertFalse(rule.connectFailed());
        assertFalse(rule.connectFailed());
        assertFalse(rule.onFailover());
        assertTrue(rule.connectFailed());
        assertTrue(rule.onFailover());
    }

    @Test
    @DisplayName("a failover broker that cannot be reached either sends it back to the primary after as many"
            + " attempts, so it never stays on a dead broker")
    void unreachableFailoverSwitchesBack() {
        FailoverRule rule = new FailoverRule(true, 2, false);
        rule.connectFailed();
        assertTrue(rule.connectFailed());
        assertTrue(rule.onFailover());
        assertFalse(rule.connectFailed());
        assertTrue(rule.connectFailed(), "two failed attempts on the failover broker");
        assertFalse(rule.onFailover());
    }

    @Test
    @DisplayName("with failBack it probes the primary only while on the failover broker; a probe that connects"
            + " moves it back")
    void failBackProbesWhileOnFailover() {
        FailoverRule rule = new FailoverRule(true, 1, true);
        assertFalse(rule.probesPrimary(), "on the primary there is nothing to probe");
        assertTrue(rule.connectFailed());
        assertTrue(rule.probesPrimary());
        rule.connectFailed(); // the failover broker fails once more: with 1 attempt allowed, back to the primary
        assertFalse(rule.onFailover());
        assertFalse(rule.probesPrimary());

        rule.connectFailed();
        assertTrue(rule.onFailover());
        rule.failedBack();
        assertFalse(rule.onFailover());
        assertEquals(0, rule.failures());
        assertFalse(rule.probesPrimary());
    }

    @Test
    @DisplayName("without failBack it never probes the primary, and a fail-back is refused")
    void noFailBack() {
        FailoverRule rule = new FailoverRule(true, 1, false);
        assertTrue(rule.connectFailed());
        assertTrue(rule.onFailover());
        assertFalse(rule.probesPrimary());
        assertThrows(IllegalStateException.class, rule::failedBack);
    }

    @Test
    @DisplayName("at least one attempt before a switch")
    void atLeastOneAttempt() {
        assertThrows(IllegalArgumentException.class, () -> new FailoverRule(true, 0, false));
    }
}
