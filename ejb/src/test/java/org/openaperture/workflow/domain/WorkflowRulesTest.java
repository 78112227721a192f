package org.openaperture.workflow.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The original {@code process_milestones} cases, and how repository names are tidied. */
class WorkflowRulesTest {

    @Test
    @DisplayName("process_milestones: [deploy] becomes [config, deploy]")
    void deployAloneGetsConfigFirst() {
        assertEquals(List.of("config", "deploy"), WorkflowRules.milestones(List.of("deploy")));
    }

    @Test
    @DisplayName("process_milestones: [build] is unchanged")
    void buildConfiguresByItself() {
        assertEquals(List.of("build"), WorkflowRules.milestones(List.of("build")));
    }

    @Test
    @DisplayName("process_milestones: [config, deploy] is unchanged")
    void configAlreadyThere() {
        assertEquals(List.of("config", "deploy"), WorkflowRules.milestones(List.of("config", "deploy")));
    }

    @Test
    @DisplayName("process_milestones: [build, deploy] is unchanged")
    void buildAndDeploy() {
        assertEquals(List.of("build", "deploy"), WorkflowRules.milestones(List.of("build", "deploy")));
    }

    @Test
    void noMilestonesStayNone() {
        assertNull(WorkflowRules.milestones(null));
    }

    @Test
    void repositoriesLoseBlanksAndTrailingSlashes() {
        assertEquals("acme/app", WorkflowRules.repository("  acme/app/ "));
        assertEquals("acme/app", WorkflowRules.repository("acme/app\\/\\"));
        assertEquals("acme/app", WorkflowRules.repository("acme/app"));
        assertNull(WorkflowRules.repository(null));
    }

    @Test
    void aSourceRepositoryIsListedByItsDockerRepository() {
        assertEquals("acme/app_docker", WorkflowRules.deploymentRepoOfSource("acme/app"));
    }
}
