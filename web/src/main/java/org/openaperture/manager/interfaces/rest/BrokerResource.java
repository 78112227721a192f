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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.openaperture.manager.interfaces.rest.BrokerJson.BrokerRequest;
import org.openaperture.manager.interfaces.rest.BrokerJson.BrokerResponse;
import org.openaperture.manager.interfaces.rest.BrokerJson.ConnectionRequest;
import org.openaperture.manager.interfaces.rest.BrokerJson.ConnectionResponse;
import org.openaperture.messaging.registry.application.BrokerService;
import org.openaperture.messaging.registry.domain.Broker;

/** {@code /messaging/brokers}: brokers and their connections. Every role reads; only {@code admin} changes. */
@Path("messaging/brokers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BrokerResource {

    @Inject
    BrokerService brokers;

    @Inject
    RequestBodies bodies;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.MODULE})
    public List<BrokerResponse> list() {
        return brokers.list().stream().map(BrokerResponse::of).toList();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.MODULE})
    @Path("{id}")
    public BrokerResponse get(@PathParam("id") long id) {
        return BrokerResponse.of(brokers.get(id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(JsonValue body) {
        BrokerRequest request = bodies.bind(body, BrokerRequest.class);
        Broker broker = brokers.create(request.name(), request.failoverBrokerId());
        return Response.created(
                        uri.getBaseUriBuilder().path("messaging/brokers/{id}").build(broker.id()))
                .build();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}")
    public Response update(@PathParam("id") long id, JsonValue body) {
        BrokerRequest request = bodies.bind(body, BrokerRequest.class);
        brokers.update(id, request.name(), request.failoverBrokerId());
        return Response.noContent()
                .location(uri.getBaseUriBuilder().path("messaging/brokers/{id}").build(id))
                .build();
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        brokers.delete(id);
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.MODULE})
    @Path("{id}/connections")
    public List<ConnectionResponse> connections(@PathParam("id") long id) {
        // Modules connect with the password; nobody else needs it, so nobody else gets it.
        if (security.isUserInRole(Roles.MODULE)) {
            return brokers.connections(id).stream()
                    .map(c -> ConnectionResponse.of(c, brokers.password(c)))
                    .toList();
        }
        return brokers.connections(id).stream().map(ConnectionResponse::of).toList();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}/connections")
    public Response addConnection(@PathParam("id") long id, JsonValue body) {
        brokers.get(id);
        ConnectionRequest request = bodies.bind(body, ConnectionRequest.class);
        brokers.addConnection(
                id, request.username(), request.password(), request.host(), request.port(), request.virtualHost());
        return Response.created(uri.getBaseUriBuilder()
                        .path("messaging/brokers/{id}/connections")
                        .build(id))
                .build();
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}/connections")
    public Response deleteConnections(@PathParam("id") long id) {
        brokers.deleteConnections(id);
        return Response.noContent().build();
    }
}
