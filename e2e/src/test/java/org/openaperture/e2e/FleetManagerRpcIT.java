package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient.Reply;
import org.openaperture.testsupport.RabbitMq;

/**
 * RPC to the FleetManager end to end: {@code GET /messaging/exchanges/{id}/machines} stores a request row,
 * its message travels through the outbox and RabbitMQ (AWS → US-EAST-1 → {@code aws:us-east-1.fleet_manager})
 * to this node's fleet_manager consumer, whose answer the route returns. US-WEST-1's fleet_manager queue has
 * no consumer: the route gives up after the RPC deadline (shortened to {@code it.rpc.timeout}) with a 504.
 */
class FleetManagerRpcIT {
    private static final Duration DEADLINE = Duration.parse(System.getProperty("it.rpc.timeout", "PT5S"));
    private static final String UNCONSUMED_QUEUE = "aws:us-west-1.fleet_manager";

    private long usEast;
    private long usWest;

    @BeforeEach
    void seedHierarchy() {
        long aws = Server.ADMIN.ensureExchange("AWS", "aws", null);
        usEast = Server.ADMIN.ensureExchange("US-EAST-1", "us-east-1", aws);
        usWest = Server.ADMIN.ensureExchange("US-WEST-1", "us-west-1", aws);
    }

    @Test
    void theMachinesOfTheNodesExchangeComeFromItsFleetManagerThroughTheRealQueue() {
        List<Long> roundTrips = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            Reply reply = Server.VIEWER.get("/messaging/exchanges/" + usEast + "/machines");
            roundTrips.add(Duration.ofNanos(System.nanoTime() - started).toMillis());

            assertEquals(200, reply.status(), reply.toString());
            JsonArray machines = reply.array();
            // The e2e node deploys units as local processes: its fleet is the node itself.
            assertEquals(1, machines.size(), reply.toString());
            JsonObject first = machines.getJsonObject(0);
            assertEquals("127.0.0.1", first.getString("primaryIP"));
            assertEquals("local-process", first.getJsonObject("metadata").getString("target"), "answered by this node");
        }
        Collections.sort(roundTrips);
        System.out.printf(
                "fleet_manager RPC round trips: min %d ms, median %d ms, max %d ms%n",
                roundTrips.get(0), roundTrips.get(2), roundTrips.get(4));
        assertTrue(roundTrips.get(4) < DEADLINE.toMillis(), "every answer within the deadline: " + roundTrips);
        assertTrue(
                Server.VIEWER.get("/messaging/rpc_requests").array().getValuesAs(JsonObject.class).stream()
                        .noneMatch(r -> r.toString().contains("list_machines")),
                "answered requests are deleted");
    }

    @Test
    void anExchangeWhoseFleetManagerNobodyRunsIsA504NamingExchangeAndDeadline() {
        RabbitMq rabbit = RabbitMq.fromSystemProperties();
        try {
            long started = System.nanoTime();
            Reply reply = Server.VIEWER.get("/messaging/exchanges/" + usWest + "/machines");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(504, reply.status(), reply.toString());
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply.toString());
            String detail = reply.json().getString("detail");
            assertTrue(
                    detail.matches("fleet_manager of exchange US-WEST-1 did not answer request \\d+ within "
                            + DEADLINE.toSeconds() + " s"),
                    detail);
            assertTrue(took.compareTo(DEADLINE) >= 0, "waited the deadline out: " + took.toMillis() + " ms");
            assertTrue(took.compareTo(DEADLINE.plusSeconds(3)) < 0, "and not much longer: " + took.toMillis() + " ms");
            System.out.printf(
                    "fleet_manager RPC to US-WEST-1 (no consumer): 504 after %d ms (deadline %d s)%n",
                    took.toMillis(), DEADLINE.toSeconds());
            assertTrue(
                    Server.VIEWER.get("/messaging/rpc_requests").array().getValuesAs(JsonObject.class).stream()
                            .noneMatch(r -> r.toString().contains("list_machines")),
                    "the request is deleted when the requester gives up");
        } finally {
            // Nobody consumes it: the request would wait there for ever.
            rabbit.purge(UNCONSUMED_QUEUE);
        }
    }

    @Test
    void anUnknownExchangeIs404() {
        Reply reply = Server.VIEWER.get("/messaging/exchanges/987654321/machines");

        assertEquals(404, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.toString());
    }
}
