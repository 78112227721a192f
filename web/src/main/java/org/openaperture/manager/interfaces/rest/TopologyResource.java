package org.openaperture.manager.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.openaperture.messaging.topology.application.TopologyService;
import org.openaperture.messaging.topology.domain.Definitions;
import org.openaperture.messaging.topology.domain.TopologyDrift;

/**
 * {@code /messaging/topology}: the RabbitMQ definitions the exchange model implies, their drift from the live
 * broker, and applying them. {@code root_exchange} limits each to one hierarchy (e.g. {@code AWS}). Every role
 * reads; only {@code admin} applies. An unreachable management API is a 502 naming its URL.
 */
@Path("messaging/topology")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TopologyResource {

    @Inject
    TopologyService topology;

    /** The definitions as {@code POST /api/definitions} of the management API takes them. */
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.MODULE})
    public Definitions definitions(@QueryParam("root_exchange") String rootExchange) {
        return topology.plan(blankToNull(rootExchange));
    }

    @GET
    @Path("drift")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.MODULE})
    public DriftJson drift(@QueryParam("root_exchange") String rootExchange) {
        return DriftJson.of(topology.drift(blankToNull(rootExchange)));
    }

    /** Declares what the broker is missing and answers with it; what exists with other properties stays. */
    @POST
    @Path("apply")
    @RolesAllowed(Roles.ADMIN)
    public AppliedJson apply(@QueryParam("root_exchange") String rootExchange) {
        TopologyService.Applied applied = topology.apply(blankToNull(rootExchange));
        return new AppliedJson(applied.declared(), applied.notChanged());
    }

    /** {@code in_sync} is true when nothing is missing, extra or different. */
    public record DriftJson(
            boolean inSync, Definitions missing, Definitions extra, List<TopologyDrift.Difference> different) {
        static DriftJson of(TopologyDrift drift) {
            return new DriftJson(drift.inSync(), drift.missing(), drift.extra(), drift.different());
        }
    }

    /** {@code not_changed}: exchanges and queues that exist with other properties; delete them, then apply. */
    public record AppliedJson(Definitions declared, List<TopologyDrift.Difference> notChanged) {}

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
