package org.openaperture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingsTest {

    /** Two hierarchies, listed children first to show the tree does not depend on the order. */
    private static final String EXCHANGES = "["
            + exchange(3, "us-east-1a", 2, "a", null) + ","
            + exchange(2, "US-EAST-1", 1, "us-east-1", 4) + ","
            + exchange(1, "AWS", null, "aws", null) + ","
            + exchange(4, "US-WEST-2", 1, "us-west-2", null) + ","
            + exchange(5, "Lab", null, null, null) + "]";

    @TempDir
    Path home;

    private StubManager manager;
    private Cli cli;

    @BeforeEach
    void start() throws IOException {
        manager = new StubManager();
        cli = new Cli(home);
        cli.vars.put("OA_URL", manager.url());
        cli.vars.put("OA_TOKEN", "t");
        manager.json("GET /messaging/exchanges", 200, EXCHANGES);
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    @Test
    void exchangesAreATreeWithFullRoutingKeys() {
        Cli.Result r = cli.run("exchanges");
        assertEquals(0, r.code(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("ID\\s+NAME\\s+FRAGMENT\\s+ROUTING KEY\\s+FAILOVER"), r::toString);
        assertTrue(lines.get(1).matches("1\\s+AWS\\s+aws\\s+aws\\s+-"), r::toString);
        assertTrue(
                lines.get(2).matches("2\\s{4,}US-EAST-1\\s+us-east-1\\s+aws\\.us-east-1\\s+US-WEST-2 \\(4\\)"),
                r::toString);
        assertTrue(lines.get(3).matches("3\\s{6,}us-east-1a\\s+a\\s+aws\\.us-east-1\\.a\\s+-"), r::toString);
        assertTrue(lines.get(4).matches("4\\s{4,}US-WEST-2\\s+us-west-2\\s+aws\\.us-west-2\\s+-"), r::toString);
        assertTrue(lines.get(5).matches("5\\s+Lab\\s+-\\s+-\\s+-"), r::toString);
        assertEquals(6, lines.size(), r::toString);
    }

    @Test
    void jsonOutputIsTheManagersJson() {
        Cli.Result r = cli.run("-o", "json", "exchanges");
        assertEquals(0, r.code(), r::toString);
        JsonArray exchanges = JsonText.parse(r.out()).asJsonArray();
        assertEquals(5, exchanges.size());
        assertEquals("aws", exchanges.getJsonObject(2).getString("routing_key_fragment"));
    }

    @Test
    void workflowsAsJsonForScripts() {
        manager.json(
                "GET /workflows",
                200,
                "[{\"id\":\"w1\",\"deployment_repo\":\"org/app_docker\",\"current_step\":\"build\","
                        + "\"workflow_completed\":false,\"workflow_error\":false},"
                        + "{\"id\":\"w2\",\"deployment_repo\":\"org/app_docker\",\"current_step\":\"workflow_completed\","
                        + "\"workflow_completed\":true,\"workflow_error\":false}]");
        Cli.Result r = cli.run("workflows", "list", "--repo", "org/app_docker", "--lookback", "48", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        assertEquals(2, JsonText.parse(r.out()).asJsonArray().size());
        assertEquals(
                "deployment_repo=org%2Fapp_docker&lookback=48",
                manager.requests("GET", "/workflows").get(0).query());

        Cli.Result running = cli.run("workflows", "list", "--state", "running");
        assertEquals(0, running.code(), running::toString);
        assertTrue(running.out().contains("w1"), running::toString);
        assertTrue(!running.out().contains("w2"), running::toString);
        assertEquals(
                "completed=false", manager.requests("GET", "/workflows").get(1).query());
    }

    @Test
    void modulesOfOneExchangeByName() {
        manager.json(
                "GET /messaging/exchanges/2/modules",
                200,
                "[{\"id\":9,\"messaging_exchange_id\":2,\"hostname\":\"builder-1\",\"type\":\"builder\","
                        + "\"status\":\"active\",\"updated_at\":\"Tue, 25 Nov 2025 10:00:00 GMT\"}]");
        Cli.Result r = cli.run("modules", "--exchange", "us-east-1");
        assertEquals(0, r.code(), r::toString);
        assertTrue(
                r.out()
                        .lines()
                        .anyMatch(l -> l.matches(
                                "US-EAST-1\\s+builder-1\\s+builder\\s+active\\s+Tue, 25 Nov 2025 10:00:00 GMT")),
                r::toString);
        assertEquals(
                1,
                manager.requests.stream()
                        .filter(q -> q.path().contains("/modules"))
                        .count());

        for (int other : new int[] {1, 3, 4, 5}) {
            manager.json("GET /messaging/exchanges/" + other + "/modules", 200, "[]");
        }
        Cli.Result json = cli.run("modules", "-o", "json");
        assertEquals(0, json.code(), json::toString);
        JsonObject module = JsonText.parse(json.out()).asJsonArray().getJsonObject(0);
        assertEquals("builder-1", module.getString("hostname"));
    }

    @Test
    void aWorkflowWithItsEventLog() {
        String id = DeployFollowTest.ID;
        manager.json(
                "GET /workflows/" + id,
                200,
                DeployFollowTest.workflow(
                        "build",
                        null,
                        "{\"build\":\"3s\"}",
                        true,
                        true,
                        "[\"Starting Workflow Milestone: :build\",\"Builder failed\"]",
                        "4s"));
        Cli.Result r = cli.run("workflows", "get", id);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("state:           failed"), r::toString);
        assertTrue(r.out().contains("deployment repo: org/app_docker"), r::toString);
        assertTrue(
                r.out().contains("event log:\n  Starting Workflow Milestone: :build\n  Builder failed"), r::toString);
    }

    @Test
    void topologyDriftNamesWhatDiffers() {
        manager.json(
                "GET /messaging/topology/drift",
                200,
                "{\"in_sync\":false,\"missing\":{\"exchanges\":[{\"name\":\"AWS\",\"vhost\":\"/\"}],"
                        + "\"queues\":[],\"bindings\":[]},\"extra\":{\"exchanges\":[],\"queues\":[],\"bindings\":[]},"
                        + "\"different\":[{\"kind\":\"queue\",\"name\":\"q\",\"property\":\"durable\","
                        + "\"planned\":true,\"live\":false}]}");
        Cli.Result r = cli.run("topology", "drift", "--root-exchange", "AWS");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("missing exchange AWS (vhost /)"), r::toString);
        assertTrue(r.out().contains("different: queue q durable: model true, broker false"), r::toString);
        assertEquals(
                "root_exchange=AWS",
                manager.requests.get(manager.requests.size() - 1).query());
    }

    private static String exchange(long id, String name, Integer parent, String fragment, Integer failover) {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"parent_exchange_id\":" + parent
                + ",\"failover_exchange_id\":" + failover + ",\"routing_key_fragment\":"
                + (fragment == null ? "null" : "\"" + fragment + "\"") + ",\"routing_key\":null}";
    }
}
