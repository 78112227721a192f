package org.openaperture.e2e.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openaperture.e2e.original.Checks.assertCreated;
import static org.openaperture.e2e.original.Checks.assertFieldError;
import static org.openaperture.e2e.original.Checks.assertProblem;
import static org.openaperture.e2e.original.Checks.assertStatus;
import static org.openaperture.e2e.original.Checks.assertUpdated;
import static org.openaperture.e2e.original.Checks.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient.Reply;
import org.openaperture.testsupport.Eventually;

/**
 * The original {@code workflows_test}, case by case, over HTTP. The original answered 404s of this resource
 * with an empty body; they are problems like every other 404 now.
 */
class WorkflowsIT {

    private static String createWorkflow(String body) {
        Reply created = As.operator().post("/workflows", body);
        assertStatus(201, created);
        return created.location().substring(created.location().lastIndexOf('/') + 1);
    }

    private static JsonObject workflow(String id) {
        Reply reply = As.viewer().get("/workflows/" + id);
        assertStatus(200, reply);
        return reply.json();
    }

    private static List<String> listed(String query) {
        Reply reply = As.viewer().get("/workflows" + query);
        assertStatus(200, reply);
        return reply.array().getValuesAs(JsonObject.class).stream()
                .map(w -> w.getString("id"))
                .toList();
    }

    /** The node's exchange (US-EAST-1 under AWS), where the orchestration request goes. */
    private static long nodeExchange() {
        return As.admin().ensureExchange("US-EAST-1", "us-east-1", As.admin().ensureExchange("AWS", "aws", null));
    }

    /**
     * Executes the workflow and waits until the node's orchestrator has taken the request off its queue and
     * started the workflow: the event log has its first entry.
     */
    private static JsonObject executeAndAwaitStart(String id, String body) {
        Reply reply = As.operator().post("/workflows/" + id + "/execute", body);

        assertStatus(202, reply);
        assertNotNull(reply.location(), "Location");
        assertTrue(reply.location().endsWith("/workflows/" + id), reply.location());
        JsonObject[] seen = new JsonObject[1];
        Eventually.within(Duration.ofSeconds(15), "the orchestrator started workflow " + id, () -> {
            seen[0] = workflow(id);
            return seen[0].get("event_log") instanceof JsonArray log && !log.isEmpty();
        });
        return seen[0];
    }

    @Test
    @DisplayName("get workflow")
    void getWorkflow() {
        String id = createWorkflow("{\"milestones\":[\"build\",\"deploy\"],"
                + "\"workflow_step_durations\":{\"build\":\"24 seconds\"},\"event_log\":[\"Event 1\",\"Event 2\"]}");

        JsonObject workflow = workflow(id);

        assertEquals(id, workflow.getString("id"));
        assertEquals(json("{\"build\":\"24 seconds\"}"), workflow.get("workflow_step_durations"));
        assertEquals(Json.createArrayBuilder().add("Event 1").add("Event 2").build(), workflow.get("event_log"));
    }

    @Test
    @DisplayName("get non-existent")
    void getNonExistent() {
        assertProblem(404, As.viewer().get("/workflows/" + UUID.randomUUID()));
    }

    @Test
    @DisplayName("get by repo success all builds")
    void getByRepoSuccessAllBuilds() {
        String repo = "Test-Org/" + UUID.randomUUID() + "_docker";
        String id = createWorkflow("{\"deployment_repo\":\"" + repo + "\"}");

        assertEquals(List.of(id), listed("?deployment_repo=" + repo + "&lookback=0"));
    }

    @Test
    @DisplayName("get by repo success in last 24 hours")
    void getByRepoSuccessInLast24Hours() {
        String repo = "Test-Org/" + UUID.randomUUID() + "_docker";
        String id = createWorkflow("{\"deployment_repo\":\"" + repo + "\"}");

        assertEquals(List.of(id), listed("?deployment_repo=" + repo));
    }

    @Test
    @DisplayName("get by source repo success in last 24 hours")
    void getBySourceRepoSuccessInLast24Hours() {
        String source = "Test-Org/" + UUID.randomUUID();
        String id = createWorkflow("{\"deployment_repo\":\"" + source + "_docker\"}");

        assertEquals(List.of(id), listed("?source_repo=" + source));
    }

    @Test
    @DisplayName("get by source repo success all builds")
    void getBySourceRepoSuccessAllBuilds() {
        String source = "Test-Org/" + UUID.randomUUID();
        String id = createWorkflow("{\"deployment_repo\":\"" + source + "_docker\"}");

        assertEquals(List.of(id), listed("?source_repo=" + source + "&lookback=0"));
    }

    @Test
    @DisplayName("get by repo no params")
    void getByRepoNoParams() {
        String id = createWorkflow("{\"deployment_repo\":\"Test-Org/" + UUID.randomUUID() + "\"}");

        assertTrue(listed("").contains(id), "created now, so within the default 24 hours");
    }

    /**
     * Stands for the original "create - internal server error" (a mocked insert that threw): a deployment
     * repository longer than its column (a database error, a 500 in the original) is now a 400 naming it.
     */
    @Test
    @DisplayName("create - internal server error")
    void createInternalServerError() {
        String repo = "Test-Org/" + "x".repeat(130);

        assertFieldError(
                400, As.operator().post("/workflows", "{\"deployment_repo\":\"" + repo + "\"}"), "deployment_repo");
        assertEquals(List.of(), listed("?deployment_repo=" + repo + "&lookback=0"));
    }

    @Test
    @DisplayName("create - success")
    void createSuccess() {
        String repo = "Test-Org/" + UUID.randomUUID();
        String start = "Tue, 25 Nov 2031 10:00:00 GMT";

        Reply reply = As.operator()
                .post(
                        "/workflows",
                        "{\"deployment_repo\":\"" + repo + "\",\"scheduled_start_time\":\"" + start + "\"}");

        assertCreated(reply, "/workflows/");
        JsonObject stored = As.viewer().get(reply.location()).json();
        assertEquals(repo, stored.getString("deployment_repo"));
        assertEquals(start, stored.getString("scheduled_start_time"));
        assertEquals(false, stored.getBoolean("workflow_completed"));
    }

    /**
     * Stands for the original "update - internal server error" (a mocked update that threw): a commit hash
     * with a NUL character, which PostgreSQL refuses (a 500 in the original), is now a 400 naming the field.
     */
    @Test
    @DisplayName("update - internal server error")
    void updateInternalServerError() {
        String id = createWorkflow("{\"source_commit_hash\":\"abc123\"}");

        assertFieldError(
                400,
                As.module().put("/workflows/" + id, "{\"source_commit_hash\":\"abc\\u0000123\"}"),
                "source_commit_hash");
        assertEquals("abc123", workflow(id).getString("source_commit_hash"));
    }

    @Test
    @DisplayName("update - success")
    void updateSuccess() {
        String id = createWorkflow("{}");
        String repo = "Test-Org/" + UUID.randomUUID();

        Reply reply = As.module()
                .put(
                        "/workflows/" + id,
                        "{\"deployment_repo\":\"" + repo + "\",\"milestones\":[\"build\",\"deploy\"],"
                                + "\"workflow_step_durations\":{\"build\":\"12 seconds\"},"
                                + "\"event_log\":[\"Event 1\",\"Event 2\"]}");

        assertUpdated(reply, "/workflows/");
        JsonObject stored = workflow(id);
        assertEquals(repo, stored.getString("deployment_repo"));
        assertEquals(Json.createArrayBuilder().add("build").add("deploy").build(), stored.get("milestones"));
        assertEquals(json("{\"build\":\"12 seconds\"}"), stored.get("workflow_step_durations"));
        assertEquals(Json.createArrayBuilder().add("Event 1").add("Event 2").build(), stored.get("event_log"));
    }

    /** BUG fixed (REC): an id that is not a UUID names no workflow: 404, not a cast error. */
    @Test
    @DisplayName("destroy - invalid workflow")
    void destroyInvalidWorkflow() {
        assertProblem(404, As.admin().delete("/workflows/1234567890"));
        assertProblem(404, As.admin().delete("/workflows/" + UUID.randomUUID()));
    }

    @Test
    @DisplayName("destroy - valid workflow")
    void destroyValidWorkflow() {
        String id = createWorkflow("{}");

        assertStatus(204, As.admin().delete("/workflows/" + id));

        assertProblem(404, As.viewer().get("/workflows/" + id));
    }

    @Test
    @DisplayName("execute - invalid workflow")
    void executeInvalidWorkflow() {
        assertProblem(404, As.operator().post("/workflows/1234567890/execute", "{}"));
        assertProblem(404, As.operator().post("/workflows/" + UUID.randomUUID() + "/execute", "{}"));
    }

    @Test
    @DisplayName("execute - completed workflow")
    void executeCompletedWorkflow() {
        String id = createWorkflow("{\"workflow_completed\":true}");

        assertProblem(409, As.operator().post("/workflows/" + id + "/execute", "{}"));
    }

    @Test
    @DisplayName("execute - completed in-progress")
    void executeCompletedInProgress() {
        String id = createWorkflow("{\"current_step\":\"something\"}");

        assertProblem(409, As.operator().post("/workflows/" + id + "/execute", "{}"));
    }

    /**
     * The original made the publisher fail and expected a 500. With the transactional outbox the request is
     * stored with the change and sent after commit, so execute is accepted and the request does arrive.
     */
    @Test
    @DisplayName("execute - publish fails")
    void executePublishFails() {
        nodeExchange();
        String id = createWorkflow("{}");

        JsonObject started = executeAndAwaitStart(id, "{}");

        assertEquals(id, started.getString("id"));
    }

    /**
     * The original mocked the publisher; here the request reaches the node's orchestrator, which starts the
     * workflow from what the Manager stored.
     */
    @Test
    @DisplayName("execute - success")
    void executeSuccess() {
        nodeExchange();
        String repo = "Test-Org/" + UUID.randomUUID();
        String id = createWorkflow("{\"deployment_repo\":\"" + repo + "\",\"milestones\":[\"build\",\"deploy\"]}");

        JsonObject started = executeAndAwaitStart(id, "{\"force_build\":true}");

        assertEquals(repo, started.getString("deployment_repo"));
        assertEquals(json("{\"force_build\":true}"), started.get("execute_options"));
        assertTrue(
                started.getJsonArray("event_log").toString().contains(id),
                () -> "the orchestrator's events name the workflow: " + started.getJsonArray("event_log"));
        // Beyond the original: a workflow that was started is not executed a second time.
        assertProblem(409, As.operator().post("/workflows/" + id + "/execute", "{}"));
    }

    /** The original called the controller's function directly; here it is what create stores. */
    @Test
    @DisplayName("process_milestones - success")
    void processMilestonesSuccess() {
        assertEquals(List.of("config", "deploy"), milestonesStoredFor("[\"deploy\"]"));
        assertEquals(List.of("build"), milestonesStoredFor("[\"build\"]"));
        assertEquals(List.of("config", "deploy"), milestonesStoredFor("[\"config\",\"deploy\"]"));
        assertEquals(List.of("build", "deploy"), milestonesStoredFor("[\"build\",\"deploy\"]"));
    }

    private static List<String> milestonesStoredFor(String milestones) {
        JsonArray stored =
                workflow(createWorkflow("{\"milestones\":" + milestones + "}")).getJsonArray("milestones");
        return stored.getValuesAs(jakarta.json.JsonString::getString);
    }
}
