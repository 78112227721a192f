package org.openaperture.deployer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** components.md §10.3 log_requested_units, log_completed_units, and the timeout's words. */
class DeployerNotificationsTest {

    @Test
    @DisplayName("log_requested_units: zero, one or several names → notification")
    void logRequestedUnits() {
        assertEquals(
                "Monitoring deployment of the following unit(s):  []", DeployerNotifications.monitoring(List.of()));
        assertEquals(
                "Monitoring deployment of the following unit(s):  [\"a@0.service\"]",
                DeployerNotifications.monitoring(List.of("a@0.service")));
        assertEquals(
                "Monitoring deployment of the following unit(s):  [\"a@0.service\", \"b@0.service\"]",
                DeployerNotifications.monitoring(List.of("a@0.service", "b@0.service")));
    }

    @Test
    @DisplayName("log_completed_units: zero, one or several units → one summary")
    void logCompletedUnits() {
        assertEquals(
                "The following unit(s) have deployed successfully:  []",
                DeployerNotifications.deployedUnits(List.of()));
        assertEquals(
                "The following unit(s) have deployed successfully:  [\"a@0.service\", \"a@1.service\"]",
                DeployerNotifications.deployedUnits(List.of("a@0.service", "a@1.service")));
    }

    @Test
    void theOriginalBudgetIsThirtyMinutes() {
        assertEquals(
                "Deployment has taken over 30 minutes to complete! Monitoring will now discontinue.",
                DeployerNotifications.tookTooLong(Duration.ofSeconds(60).multipliedBy(30)));
        assertEquals(
                "Deployment has taken over 90 seconds to complete! Monitoring will now discontinue.",
                DeployerNotifications.tookTooLong(Duration.ofSeconds(90)));
    }
}
