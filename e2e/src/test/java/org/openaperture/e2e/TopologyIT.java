package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient.Reply;

/**
 * The topology the model implies for the seed's AWS hierarchy, its drift from the live broker and applying it.
 * A binding is deleted by hand with {@code rabbitmqadmin}, as an operator might; other tests need it, so it is put back in a finally block whatever happens.
 */
class TopologyIT {
    private static final String SOURCE = "US-EAST-1";
    private static final String QUEUE = "aws:us-east-1.deploy_oa";
    private static final String KEY = "aws.us-east-1.deploy_oa";
    private static final String QUERY = "?root_exchange=AWS";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String management = System.getProperty("it.rabbitmq.management", "http://127.0.0.1:15672");

    @BeforeEach
    void seedHierarchy() {
        Server.ADMIN.ensureExchange("US-EAST-1", "us-east-1", Server.ADMIN.ensureExchange("AWS", "aws", null));
    }

    @Test
    void theDefinitionsOfTheAwsHierarchyBindUsEast1sQueuesFromTheRoot() {
        JsonObject definitions =
                Server.VIEWER.get("/messaging/topology" + QUERY).json();

        assertTrue(
                names(definitions, "exchanges", "name").containsAll(List.of("AWS", "US-EAST-1")),
                definitions.toString());
        assertTrue(names(definitions, "queues", "name").containsAll(List.of(QUEUE, QUEUE + "_error")));
        assertTrue(definitions.getJsonArray("bindings").getValuesAs(JsonObject.class).stream()
                .anyMatch(b -> b.getString("source").equals("AWS")
                        && b.getString("destination").equals("US-EAST-1")
                        && b.getString("destination_type").equals("exchange")
                        && b.getString("routing_key").equals(KEY)));
    }

    @Test
    void aBindingDeletedByHandShowsInTheDriftAndApplyRestoresIt() throws Exception {
        Reply apply = Server.ADMIN.post("/messaging/topology/apply" + QUERY, "{}");
        assertEquals(200, apply.status(), apply.toString());
        try {
            deleteBinding();
            JsonObject drift =
                    Server.VIEWER.get("/messaging/topology/drift" + QUERY).json();
            assertFalse(drift.getBoolean("in_sync"), drift.toString());
            assertTrue(isTheDeletedBinding(drift.getJsonObject("missing")), drift.toString());

            Reply viewerApplies = Server.VIEWER.post("/messaging/topology/apply" + QUERY, "{}");
            assertEquals(403, viewerApplies.status(), viewerApplies.toString());

            apply = Server.ADMIN.post("/messaging/topology/apply" + QUERY, "{}");
            assertEquals(200, apply.status(), apply.toString());
            JsonObject declared = apply.json().getJsonObject("declared");
            assertTrue(isTheDeletedBinding(declared), apply.toString());
            assertEquals(1, declared.getJsonArray("bindings").size(), apply.toString());
            assertTrue(declared.getJsonArray("queues").isEmpty(), apply.toString());

            JsonObject after =
                    Server.VIEWER.get("/messaging/topology/drift" + QUERY).json();
            assertTrue(after.getJsonObject("missing").getJsonArray("bindings").isEmpty(), after.toString());
            assertFalse(isTheDeletedBinding(after.getJsonObject("missing")), after.toString());
        } finally {
            restoreBinding();
        }
    }

    private static boolean isTheDeletedBinding(JsonObject definitions) {
        return definitions.getJsonArray("bindings").getValuesAs(JsonObject.class).stream()
                .anyMatch(b -> b.getString("source").equals(SOURCE)
                        && b.getString("destination").equals(QUEUE)
                        && b.getString("routing_key").equals(KEY));
    }

    private static List<String> names(JsonObject definitions, String section, String field) {
        return definitions.getJsonArray(section).getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString(field))
                .toList();
    }

    /** As an operator would: {@code rabbitmqadmin delete binding ...} (the key is the properties key of a binding without arguments). */
    private void deleteBinding() throws Exception {
        URI url = URI.create(management);
        Process process = new ProcessBuilder(
                        "rabbitmqadmin",
                        "-H",
                        url.getHost(),
                        "-P",
                        String.valueOf(url.getPort()),
                        "-u",
                        System.getProperty("it.amqp.user", "guest"),
                        "-p",
                        System.getProperty("it.amqp.password", "guest"),
                        "delete",
                        "binding",
                        "source=" + SOURCE,
                        "destination_type=queue",
                        "destination=" + QUEUE,
                        "properties_key=" + KEY)
                .redirectErrorStream(true)
                .start();
        boolean ended = process.waitFor(30, TimeUnit.SECONDS);
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended && process.exitValue() == 0, "rabbitmqadmin delete binding: " + printed);
    }

    private void restoreBinding() throws Exception {
        int status = call("POST", bindingPath(), "{\"routing_key\":\"" + KEY + "\",\"arguments\":{}}");
        assertEquals(2, status / 100, "binding restored: HTTP " + status);
    }

    private static String bindingPath() {
        return "/api/bindings/%2F/e/" + encode(SOURCE) + "/q/" + encode(QUEUE);
    }

    private int call(String method, String path, String body) throws IOException, InterruptedException {
        String user = System.getProperty("it.amqp.user", "guest");
        String password = System.getProperty("it.amqp.password", "guest");
        HttpRequest request = HttpRequest.newBuilder(URI.create(management + path))
                .timeout(Duration.ofSeconds(15))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
