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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.openaperture.manager.interfaces.rest.ExchangeJson.ModuleResponse;
import org.openaperture.manager.interfaces.rest.ExchangeLinksJson.ModuleRequest;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.ModuleRegistry;

/** {@code /messaging/exchanges/{id}/modules}: the modules running in an exchange, one per hostname. */
@Path("messaging/exchanges/{id}/modules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExchangeModuleResource {

    @Inject
    ExchangeService exchanges;

    @Inject
    ModuleRegistry registry;

    @Inject
    RequestBodies bodies;

    @Context
    UriInfo uri;

    /** All modules; with {@code page}/{@code per_page} a page of them; {@code type} and {@code status} filter. */
    @GET
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public Response list(
            @PathParam("id") long id,
            @QueryParam("type") String type,
            @QueryParam("status") String status,
            @QueryParam("page") String page,
            @QueryParam("per_page") String perPage) {
        return Lists.answer(registry.page(id, type, status, Lists.pageRequest(page, perPage)), ModuleResponse::of);
    }

    @GET
    @Path("{hostname}")
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public ModuleResponse get(@PathParam("id") long id, @PathParam("hostname") String hostname) {
        return ModuleResponse.of(registry.get(id, hostname));
    }

    /** Registers a module, or refreshes its registration (heartbeats do this): one row per hostname. */
    @POST
    @RolesAllowed({MODULE, ADMIN})
    public Response register(
            @PathParam("id") long id,
            @RequestBody(content = @Content(schema = @Schema(implementation = ModuleRequest.class))) JsonValue body) {
        exchanges.get(id);
        ModuleRequest request = bodies.bind(body, ModuleRequest.class);
        registry.record(id, request.report());
        return Response.created(
                        Locations.of(uri, "messaging/exchanges/{id}/modules/{hostname}", id, request.hostname()))
                .build();
    }

    @DELETE
    @Path("{hostname}")
    @RolesAllowed({MODULE, ADMIN})
    public Response delete(@PathParam("id") long id, @PathParam("hostname") String hostname) {
        registry.delete(id, hostname);
        return Response.noContent().build();
    }
}
