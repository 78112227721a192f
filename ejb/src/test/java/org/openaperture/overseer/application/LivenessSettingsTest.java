package org.openaperture.overseer.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The liveness settings are ISO-8601 durations; a wrong one fails naming its key. */
class LivenessSettingsTest {

    @Test
    void theDefaultsParse() {
        LivenessSettings settings = LivenessSettings.parse("PT30S", "PT10M", "PT20M", "PT30S");

        assertEquals(
                new LivenessSettings(
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(20),
                        Duration.ofSeconds(30),
                        100),
                settings);
    }

    @Test
    void aNegativeNumberOfEventsPerSweepNamesItsKey() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> LivenessSettings.parse("PT30S", "PT10M", "PT20M", "PT30S", -1));
        assertTrue(e.getMessage().contains("openaperture.modules.events-per-sweep"), e.getMessage());
    }

    @Test
    void shortTestThresholdsParse() {
        assertEquals(
                Duration.ofSeconds(6),
                LivenessSettings.parse("PT2S", " PT6S ", "PT12S", "PT2S").inactiveAfter());
    }

    @Test
    void aValueThatIsNotADurationNamesItsKey() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> LivenessSettings.parse("30", "PT10M", "PT20M", "PT30S"));
        assertTrue(e.getMessage().contains("openaperture.heartbeat.interval"), e.getMessage());
    }

    @Test
    void zeroOrNegativeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LivenessSettings.parse("PT30S", "PT0S", "PT20M", "PT30S"));
        assertThrows(IllegalArgumentException.class, () -> LivenessSettings.parse("PT30S", "PT10M", "PT20M", "-PT1S"));
    }

    @Test
    void removalMustComeAfterInactivation() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> LivenessSettings.parse("PT30S", "PT10M", "PT10M", "PT30S"));
        assertTrue(e.getMessage().contains("openaperture.modules.remove-after"), e.getMessage());
    }
}
