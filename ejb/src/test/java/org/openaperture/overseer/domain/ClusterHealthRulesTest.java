package org.openaperture.overseer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openaperture.overseer.domain.ClusterHealthRules.Finding;

/** components.md §8.5 ClusterMonitor: machines and their disks, failed units (with §12.11), silent components. */
class ClusterHealthRulesTest {
    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readValue();
    }

    private static final JsonValue TWO_MACHINES =
            json("[{'id':'m1','primaryIP':'10.0.0.1'},{'id':'m2','primaryIP':'10.0.0.2'}]");

    @Test
    void machines_noneOrEmpty_oneWarningWithHostCountZero() {
        for (JsonValue none : List.of(JsonValue.NULL, JsonValue.EMPTY_JSON_ARRAY)) {
            List<Finding> findings = ClusterHealthRules.machines(7, none, JsonValue.NULL);
            assertEquals(1, findings.size());
            assertEquals("docker_disk_space_percent", findings.get(0).type());
            assertEquals("warning", findings.get(0).severity());
            assertEquals(0, findings.get(0).data().getInt("host_cnt"));
        }
    }

    @Test
    void machines_diskAbove80Warning_above90Error_missingError_otherwiseNothing() {
        JsonValue info = json("{'10.0.0.1':{'docker_disk_space_percent':85},'10.0.0.2':{'coreos_version':'x'}}");
        List<Finding> findings = ClusterHealthRules.machines(7, TWO_MACHINES, info);
        assertEquals(2, findings.size());
        assertEquals("warning", findings.get(0).severity());
        assertEquals("disk:10.0.0.1:warning", findings.get(0).key());
        assertEquals("error", findings.get(1).severity());
        assertEquals(
                "error",
                ClusterHealthRules.machines(
                                7,
                                TWO_MACHINES,
                                json("{'10.0.0.1':{'docker_disk_space_percent':91},"
                                        + "'10.0.0.2':{'docker_disk_space_percent':80}}"))
                        .get(0)
                        .severity());
        assertEquals(
                1,
                ClusterHealthRules.machines(
                                7,
                                TWO_MACHINES,
                                json("{'10.0.0.1':{'docker_disk_space_percent':91},"
                                        + "'10.0.0.2':{'docker_disk_space_percent':80}}"))
                        .size());
    }

    @Test
    void monitorUnitInstances_noStates_warning_emptyList_nothing() {
        List<Finding> none = ClusterHealthRules.units(7, JsonValue.NULL, JsonValue.NULL);
        assertEquals(1, none.size());
        assertEquals("failed_unit", none.get(0).type());
        assertEquals("warning", none.get(0).severity());
        assertEquals(List.of(), ClusterHealthRules.units(7, JsonValue.EMPTY_JSON_ARRAY, JsonValue.EMPTY_JSON_ARRAY));
    }

    @Test
    void monitorUnitInstances_aFailedInstanceBesideARunningOne_warningOnly() {
        JsonValue states = json("[{'name':'app@1.service','machineID':'m1','systemdActiveState':'failed'},"
                + "{'name':'app@2.service','machineID':'m2','systemdActiveState':'active'}]");
        List<Finding> findings = ClusterHealthRules.units(7, states, states);
        assertEquals(1, findings.size());
        assertEquals("warning", findings.get(0).severity());
        assertEquals(
                "Unit app@1.service on machine m1 is in a failed state!",
                findings.get(0).message());
    }

    @Test
    void monitorUnitInstances_noRunningInstance_alsoTheErrorTheOriginalNeverRaised() {
        JsonValue states = json("[{'name':'app@1.service','machineID':'m1','systemdActiveState':'failed'},"
                + "{'name':'app@2.service','machineID':'m2','systemdActiveState':'failed'}]");
        List<Finding> findings = ClusterHealthRules.units(7, states, states);
        assertEquals(3, findings.size());
        Finding error = findings.get(2);
        assertEquals("error", error.severity());
        assertEquals("unit-down:app@.service", error.key());
    }

    @Test
    void monitorUnitInstances_aUnitRunningAgainWhenReadAgain_notReported() {
        JsonValue failed = json("[{'name':'web.service','machineID':'m1','systemdActiveState':'failed'}]");
        JsonValue recovered = json("[{'name':'web.service','machineID':'m1','systemdActiveState':'active'}]");
        assertTrue(ClusterHealthRules.anyFailed(failed));
        assertEquals(List.of(), ClusterHealthRules.units(7, failed, recovered));
        assertEquals(2, ClusterHealthRules.units(7, failed, failed).size());
    }

    @Test
    void components_withoutAnActiveModule_warningEach() {
        List<Finding> findings = ClusterHealthRules.components(7, List.of("builder", "deployer"), List.of("builder"));
        assertEquals(1, findings.size());
        assertEquals("component:deployer", findings.get(0).key());
        assertEquals("component_inactive", findings.get(0).type());
    }

    @Test
    void unitGroup_instancesOfATemplateShareIt() {
        assertEquals("app@.service", ClusterHealthRules.unitGroup("app@12.service"));
        assertEquals("web.service", ClusterHealthRules.unitGroup("web.service"));
    }
}
