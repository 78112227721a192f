package org.openaperture.manager.interfaces.rest;

import static org.openaperture.manager.interfaces.rest.Roles.ADMIN;
import static org.openaperture.manager.interfaces.rest.Roles.MODULE;
import static org.openaperture.manager.interfaces.rest.Roles.OPERATOR;
import static org.openaperture.manager.interfaces.rest.Roles.VIEWER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.openaperture.manager.interfaces.rest.ExchangeLinksJson.RestrictionRequest;
import org.openaperture.manager.interfaces.rest.ExchangeLinksJson.RestrictionResponse;
import org.openaperture.messaging.registry.application.ExchangeService;

/** {@code /messaging/exchanges/{id}/brokers}: the brokers an exchange may only be reached through. */
@Path("messaging/exchanges/{id}/brokers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExchangeRestrictionResource {

    @Inject
    ExchangeService exchanges;

    @Inject
    RequestBodies bodies;

    @Context
    UriInfo uri;

    /** The restriction rows (not the brokers), as the original answered. */
    @GET
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public List<RestrictionResponse> list(@PathParam("id") long id) {
        return exchanges.restrictions(id).stream().map(RestrictionResponse::of).toList();
    }

    @POST
    @RolesAllowed(ADMIN)
    public Response create(
            @PathParam("id") long id,
            @RequestBody(content = @Content(schema = @Schema(implementation = RestrictionRequest.class)))
                    JsonValue body) {
        exchanges.get(id);
        RestrictionRequest request = bodies.bind(body, RestrictionRequest.class);
        exchanges.restrict(id, request.messagingBrokerId());
        return Response.created(Locations.of(uri, "messaging/exchanges/{id}/brokers", id))
                .build();
    }

    @DELETE
    @RolesAllowed(ADMIN)
    public Response deleteAll(@PathParam("id") long id) {
        exchanges.deleteRestrictions(id);
        return Response.noContent().build();
    }
}
