package org.openaperture.overseer.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openaperture.fleet.application.FleetManagerClient;
import org.openaperture.fleet.domain.FleetRequest;

/**
 * The Overseer's FleetManagerPublisher cases of components.md §10.6: each action builds the right request
 * body, sent to the FleetManager of the exchange, whose answer is returned as it came.
 */
class RpcFleetActionsTest {
    private static final long EXCHANGE = 7;

    /** Records what would go over RPC and answers with one fixed value. */
    static final class RecordingClient extends FleetManagerClient {
        final List<Long> exchanges = new ArrayList<>();
        final List<JsonObject> bodies = new ArrayList<>();
        final JsonValue answer = Json.createArrayBuilder().add("answer").build();

        @Override
        public JsonValue request(long exchangeId, FleetRequest request) {
            exchanges.add(exchangeId);
            bodies.add(request.toJson());
            return answer;
        }
    }

    private final RecordingClient client = new RecordingClient();
    private final RpcFleetActions fleet = new RpcFleetActions(client, EXCHANGE);

    private JsonObject sent() {
        assertEquals(List.of(EXCHANGE), client.exchanges);
        return client.bodies.get(0);
    }

    @Test
    void listMachines_buildsTheRequestBody() {
        assertSame(client.answer, fleet.listMachines("cluster-token"));
        assertEquals(Json.createObjectBuilder().add("action", "list_machines").build(), sent());
    }

    @Test
    void listUnits_buildsTheRequestBody() {
        assertSame(client.answer, fleet.listUnits("cluster-token"));
        assertEquals(Json.createObjectBuilder().add("action", "list_units").build(), sent());
    }

    @Test
    void listUnitStates_buildsTheRequestBody() {
        assertSame(client.answer, fleet.listUnitStates("cluster-token"));
        assertEquals(
                Json.createObjectBuilder().add("action", "list_unit_states").build(), sent());
    }

    @Test
    void unitLogs_buildsTheRequestBody() {
        assertSame(client.answer, fleet.unitLogs("cluster-token", "app@1.service"));
        assertEquals(
                Json.createObjectBuilder()
                        .add("action", "unit_logs")
                        .add("action_parameters", Json.createObjectBuilder().add("unit_name", "app@1.service"))
                        .build(),
                sent());
    }

    @Test
    void nodeInfo_buildsTheRequestBody() {
        assertSame(client.answer, fleet.nodeInfo("cluster-token", List.of("10.0.0.1", "10.0.0.2")));
        assertEquals(
                Json.createObjectBuilder()
                        .add("action", "node_info")
                        .add(
                                "action_parameters",
                                Json.createObjectBuilder()
                                        .add(
                                                "nodes",
                                                Json.createArrayBuilder()
                                                        .add("10.0.0.1")
                                                        .add("10.0.0.2")))
                        .build(),
                sent());
    }

    @Test
    void restartUnit_buildsTheRequestBody() {
        assertSame(client.answer, fleet.restartUnit("cluster-token", "app@2.service"));
        assertEquals(
                Json.createObjectBuilder()
                        .add("action", "restart_unit")
                        .add("action_parameters", Json.createObjectBuilder().add("unit_name", "app@2.service"))
                        .build(),
                sent());
    }
}
