package org.openaperture.messaging.topology.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Node;
import org.openaperture.messaging.topology.domain.Definitions;
import org.openaperture.messaging.topology.domain.TopologyDrift;
import org.openaperture.messaging.topology.domain.TopologyPlan;

class DefinitionsJsonTest {

    /** What GET /api/definitions/%2F answers: the objects name no vhost. */
    private static final String VHOST_EXPORT =
            """
            {"rabbit_version":"3.10.8","exchanges":[{"name":"AWS","type":"topic","durable":true,"auto_delete":false,
            "internal":false,"arguments":{}}],"queues":[],"bindings":[{"source":"AWS","destination":"amq.gen-x",
            "destination_type":"queue","routing_key":"#","arguments":{"x-match":"all","x-priority":5}}]}""";

    @Test
    void objectsOfAVhostExportBelongToThatVhost() {
        Definitions live = DefinitionsJson.parse(VHOST_EXPORT, "/");

        assertEquals("/", live.exchanges().get(0).vhost());
        assertEquals("/", live.bindings().get(0).vhost());
    }

    @Test
    void aRootAloneIsInSyncWithAVhostExportThatHasIt() {
        Definitions plan = TopologyPlan.of("/", List.of(new Node(1L, "AWS", "aws", null)), null);

        TopologyDrift drift = TopologyDrift.between(plan, DefinitionsJson.parse(VHOST_EXPORT, "/"));

        assertTrue(drift.missing().declaresNothing(), drift.toString());
        assertEquals(1, drift.extra().bindings().size(), "a binding out of AWS that the plan lacks");
    }

    @Test
    void argumentsKeepTheirJsonTypes() {
        var arguments =
                DefinitionsJson.parse(VHOST_EXPORT, "/").bindings().get(0).arguments();

        assertEquals("all", arguments.get("x-match"));
        assertEquals(5, ((Number) arguments.get("x-priority")).intValue());
    }
}
