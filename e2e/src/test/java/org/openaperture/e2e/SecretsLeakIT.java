package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient;

/**
 * Runs after every other test of the suite (its own Failsafe execution): every broker password stored by
 * the run, as a module reads them, appears in no response to any other role and nowhere in the server log.
 */
class SecretsLeakIT {
    /** Shorter values ("p") would match anywhere; the suite's passwords are all longer. */
    private static final int SHORTEST_CHECKED = 6;

    @Test
    void noBrokerPasswordLeavesTheModuleRoleOrReachesTheLog() {
        List<String> passwords = new ArrayList<>();
        List<String> connectionPaths = new ArrayList<>();
        ApiClient module = Server.API.as("module");
        for (JsonObject broker : module.get("/messaging/brokers").array().getValuesAs(JsonObject.class)) {
            String path = "/messaging/brokers/" + broker.getJsonNumber("id").longValue() + "/connections";
            connectionPaths.add(path);
            for (JsonObject c : module.get(path).array().getValuesAs(JsonObject.class)) {
                String password = c.getString("password");
                if (password.length() >= SHORTEST_CHECKED) {
                    passwords.add(password);
                }
            }
        }
        assertFalse(passwords.isEmpty(), "the suite stored broker passwords a module can read");

        List<String> reads = new ArrayList<>(connectionPaths);
        reads.addAll(List.of(
                "/messaging/brokers",
                "/messaging/exchanges",
                "/messaging/rpc_requests",
                "/system_components",
                "/system_events?lookback=0",
                "/workflows?lookback=0"));
        for (String role : List.of("viewer", "operator", "admin")) {
            ApiClient client = Server.API.as(role);
            for (String path : reads) {
                ApiClient.Reply reply = client.get(path);
                assertEquals(200, reply.status(), role + " GET " + path + ": " + reply);
                assertFalse(reply.body().contains("\"password\""), role + " GET " + path + " has a password field");
                for (String password : passwords) {
                    assertFalse(reply.body().contains(password), role + " GET " + path + " shows a password");
                }
            }
        }

        String log = Server.log();
        assertTrue(log.length() > 0, "the server log is readable");
        for (String password : passwords) {
            assertFalse(log.contains(password), "a broker password is in the server log");
        }
        System.out.printf(
                "checked %d broker passwords against %d reads by 3 roles and the server log%n",
                passwords.size(), reads.size());
    }
}
