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
import jakarta.ws.rs.PUT;
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
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.manager.interfaces.rest.RequestJson.RpcRequestBody;
import org.openaperture.messaging.rpc.application.RpcRequestService;
import org.openaperture.messaging.rpc.domain.RpcRequest;

/** {@code /messaging/rpc_requests}: requests to remote components, kept until answered and read. */
@Path("messaging/rpc_requests")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RpcRequestResource {

    @Inject
    RpcRequestService requests;

    @Inject
    RequestBodies bodies;

    @Context
    UriInfo uri;

    public record RpcRequestJson(
            Long id,
            String status,
            JsonValue requestBody,
            JsonValue responseBody,
            String insertedAt,
            String updatedAt) {
        static RpcRequestJson of(RpcRequest r) {
            return new RpcRequestJson(
                    r.id(),
                    r.status(),
                    JsonText.read(r.requestBody()),
                    JsonText.read(r.responseBody()),
                    Timestamps.rfc1123(r.insertedAt()),
                    Timestamps.rfc1123(r.updatedAt()));
        }
    }

    @GET
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public List<RpcRequestJson> list() {
        return requests.list().stream().map(RpcRequestJson::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public RpcRequestJson get(@PathParam("id") long id) {
        return RpcRequestJson.of(requests.get(id));
    }

    @POST
    @RolesAllowed({MODULE, ADMIN})
    public Response create(
            @RequestBody(content = @Content(schema = @Schema(implementation = RpcRequestBody.class))) JsonValue body) {
        RpcRequestBody r = bodies.bind(body, RpcRequestBody.class);
        RpcRequest created =
                requests.create(r.status(), JsonText.write(r.requestBody()), JsonText.write(r.responseBody()));
        return Response.created(Locations.of(uri, "messaging/rpc_requests/{id}", created.id()))
                .build();
    }

    /** A full replacement: a body field left out becomes null. */
    @PUT
    @Path("{id}")
    @RolesAllowed({MODULE, ADMIN})
    public Response replace(
            @PathParam("id") long id,
            @RequestBody(content = @Content(schema = @Schema(implementation = RpcRequestBody.class))) JsonValue body) {
        requests.get(id);
        RpcRequestBody r = bodies.bind(body, RpcRequestBody.class);
        requests.replace(id, r.status(), JsonText.write(r.requestBody()), JsonText.write(r.responseBody()));
        return Response.noContent()
                .location(Locations.of(uri, "messaging/rpc_requests/{id}", id))
                .build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({MODULE, ADMIN})
    public Response delete(@PathParam("id") long id) {
        requests.delete(id);
        return Response.noContent().build();
    }
}
