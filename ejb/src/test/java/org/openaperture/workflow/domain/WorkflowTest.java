package org.openaperture.workflow.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.StateConflictException;

/** A workflow is executed once. */
class WorkflowTest {

    private static Workflow workflow(String currentStep, Boolean completed, String options) {
        return new Workflow(new WorkflowFields(
                "acme/app_docker",
                null,
                null,
                null,
                null,
                null,
                currentStep,
                null,
                null,
                null,
                null,
                null,
                completed,
                null,
                null,
                options));
    }

    @Test
    void aCompletedWorkflowIsNotExecuted() {
        var e = assertThrows(
                StateConflictException.class, () -> workflow(null, true, null).executeWith(null));
        assertEquals("Workflow has already completed", e.getMessage());
    }

    @Test
    void aStartedWorkflowIsNotExecuted() {
        var e = assertThrows(StateConflictException.class, () -> workflow("build", false, null)
                .executeWith(null));
        assertEquals("Workflow has already been started", e.getMessage());
    }

    @Test
    void aSecondExecutionBeforeTheOrchestratorStartsIsRefused() {
        Workflow w = workflow(null, false, null);
        w.executeWith("{\"force_build\":true}");
        var e = assertThrows(StateConflictException.class, () -> w.executeWith("{}"));
        assertTrue(e.getMessage().startsWith("Workflow has already been executed at "), e.getMessage());
    }

    @Test
    void storedOptionsWinOverOptionsGivenAtExecution() {
        Workflow created = workflow(null, false, "{\"force_build\":false}");
        created.executeWith("{\"force_build\":true}");
        assertEquals("{\"force_build\":false}", created.executeOptionsJson());
        Workflow bare = workflow(null, false, null);
        bare.executeWith("{\"force_build\":true}");
        assertEquals("{\"force_build\":true}", bare.executeOptionsJson());
    }
}
