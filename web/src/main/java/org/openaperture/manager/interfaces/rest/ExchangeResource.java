package org.openaperture.manager.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.openaperture.manager.interfaces.rest.ExchangeJson.ExchangeRequest;
import org.openaperture.manager.interfaces.rest.ExchangeJson.ExchangeResponse;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.system.application.SystemComponentService;

/**
 * {@code /messaging/exchanges}: the exchange hierarchy, and the system components of each exchange. Every
 * role reads; only {@code admin} changes.
 */
@Path("messaging/exchanges")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExchangeResource {

    @Inject
    ExchangeService exchanges;

    @Inject
    SystemComponentService components;

    @Inject
    RequestBodies bodies;

    @Context
    UriInfo uri;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.MODULE})
    public List<ExchangeResponse> list() {
        return exchanges.listWithRoutes().stream().map(ExchangeResponse::of).toList();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.MODULE})
    @Path("{id}")
    public ExchangeResponse get(@PathParam("id") long id) {
        return ExchangeResponse.of(exchanges.getWithRoute(id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(JsonValue body) {
        ExchangeRequest r = bodies.bind(body, ExchangeRequest.class);
        Exchange exchange =
                exchanges.create(r.name(), r.routingKeyFragment(), r.parentExchangeId(), r.failoverExchangeId());
        return Response.created(location(exchange.id())).build();
    }

    /** Updates the fields present in the body; absent fields keep their value, {@code null} clears one. */
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}")
    public Response update(@PathParam("id") long id, JsonValue body) {
        Exchange current = exchanges.get(id);
        ExchangeRequest r = bodies.bind(body, ExchangeRequest.class);
        exchanges.update(
                id,
                r.name(),
                bodies.has(body, "routing_key_fragment") ? r.routingKeyFragment() : current.routingKeyFragment(),
                bodies.has(body, "parent_exchange_id") ? r.parentExchangeId() : current.parentExchangeId(),
                bodies.has(body, "failover_exchange_id") ? r.failoverExchangeId() : current.failoverExchangeId());
        return Response.noContent().location(location(id)).build();
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        exchanges.delete(id);
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.MODULE})
    @Path("{id}/system_components")
    public List<SystemComponentResource.SystemComponentJson> systemComponents(@PathParam("id") long id) {
        return components.ofExchange(id).stream()
                .map(SystemComponentResource.SystemComponentJson::of)
                .toList();
    }

    private java.net.URI location(long id) {
        return uri.getBaseUriBuilder().path("messaging/exchanges/{id}").build(id);
    }
}
