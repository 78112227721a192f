package org.openaperture.deployer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** components.md §10.3 Deploy, on the plan of §5.3. */
class DeployPlanTest {
    static final DeployableUnit APP = new DeployableUnit(
            "app@.service",
            List.of(
                    new UnitOption("Unit", "Description", "app"),
                    new UnitOption("Service", "ExecStart", "/bin/app --port <%= dst_port %> --admin <%=dst_port%>")));

    @Test
    @DisplayName("Deploy: no hosts → step_failed")
    void deployNoHosts() {
        var e = assertThrows(DeployRefusedException.class, () -> DeployPlan.of("tok", 0, null, List.of(APP)));
        assertEquals("Unable to find accessible hosts in cluster tok!", e.getMessage());
    }

    @Test
    @DisplayName("Deploy: 0 instances asked → step_failed")
    void deployZeroInstances() {
        var e = assertThrows(DeployRefusedException.class, () -> DeployPlan.of("tok", 3, 0, List.of(APP)));
        assertEquals("Cannot specify 0 instances of services to deploy!", e.getMessage());
    }

    @Test
    @DisplayName("Deploy: no units → step_failed (the original crashed here)")
    void deployNoUnits() {
        var e = assertThrows(DeployRefusedException.class, () -> DeployPlan.of("tok", 3, null, List.of()));
        assertEquals("There are no valid units to deploy!", e.getMessage());
    }

    @Test
    @DisplayName("Deploy: success → deploy_units called, with ports = host count (3)")
    void deploySuccessOneInstancePerHost() {
        DeployPlan plan = DeployPlan.of("tok", 3, null, List.of(APP));
        List<UnitInstance> instances = plan.instances(() -> 0);
        assertEquals(3, instances.size());
        assertEquals(List.of("app@0.service", "app@1.service", "app@2.service"), names(instances));
    }

    @Test
    @DisplayName("Deploy: fleet_config.instance_cnt = 10 → 10 instances")
    void deployInstanceCount() {
        assertEquals(
                10, DeployPlan.of("tok", 3, 10, List.of(APP)).instances(() -> 0).size());
    }

    @Test
    void everyDstPortPlaceholderBecomesTheInstancesPort() {
        AtomicInteger next = new AtomicInteger(8000);
        List<UnitInstance> instances =
                DeployPlan.of("tok", 2, null, List.of(APP)).instances(next::getAndIncrement);
        assertEquals(8001, instances.get(1).port());
        assertEquals(
                "/bin/app --port 8001 --admin 8001",
                instances.get(1).unit().option("Service", "ExecStart").orElseThrow());
        assertEquals(
                "app", instances.get(1).unit().option("Unit", "Description").orElseThrow());
    }

    @Test
    void instancesNumberedAtOrAboveTheCountAreLeftOverAndOthersUnitsAreNot() {
        DeployPlan plan = DeployPlan.of("tok", 2, null, List.of(APP));
        List<UnitState> running = List.of(
                state("app@0.service"),
                state("app@1.service"),
                state("app@2.service"),
                state("app@7.service"),
                state("myapp@5.service"),
                state("other@3.service"));
        assertEquals(List.of("app@2.service", "app@7.service"), plan.leftovers(APP, running));
    }

    private static UnitState state(String name) {
        return new UnitState(name, "m", "launched", "launched", "loaded", "active", "running");
    }

    private static List<String> names(List<UnitInstance> instances) {
        return instances.stream().map(UnitInstance::name).toList();
    }
}
