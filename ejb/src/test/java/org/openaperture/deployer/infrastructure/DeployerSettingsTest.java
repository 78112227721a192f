package org.openaperture.deployer.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openaperture.deployer.application.MonitorBudget;

class DeployerSettingsTest {

    private static DeployerSettings read(Map<String, String> values) {
        return DeployerSettings.read(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaultsAreTheSimulatedTargetAndTheOriginalBudget() {
        DeployerSettings s = read(Map.of());
        assertEquals("simulated", s.target());
        assertEquals(MonitorBudget.ORIGINAL, s.budget());
        assertEquals(Duration.ofMinutes(30), s.budget().total());
        assertEquals("127.0.0.1", s.primaryIp());
        assertEquals(200, s.logLines());
    }

    @Test
    void aNodeCanMonitorInSeconds() {
        DeployerSettings s = read(Map.of(
                "openaperture.deployer.target", "local-process",
                "openaperture.deployer.work-dir", "/srv/units",
                "openaperture.deployer.monitor-interval", "PT1S",
                "openaperture.deployer.monitor-attempts", "20",
                "openaperture.deployer.recheck-interval", "PT0.5S"));
        assertEquals("local-process", s.target());
        assertEquals(Path.of("/srv/units"), s.workDir());
        assertEquals(new MonitorBudget(Duration.ofSeconds(1), 20, Duration.ofMillis(500)), s.budget());
    }

    @Test
    void aWrongValueNamesItsKey() {
        assertEquals(
                "openaperture.deployer.target is 'fleet'; write one of simulated, local-process, kubernetes",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> read(Map.of("openaperture.deployer.target", "fleet")))
                        .getMessage());
        assertEquals(
                "openaperture.deployer.monitor-attempts is '0'; write a whole number of 1 or more",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> read(Map.of("openaperture.deployer.monitor-attempts", "0")))
                        .getMessage());
        assertEquals(
                "openaperture.deployer.monitor-interval is '60', not an ISO-8601 duration such as PT60S",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> read(Map.of("openaperture.deployer.monitor-interval", "60")))
                        .getMessage());
    }
}
