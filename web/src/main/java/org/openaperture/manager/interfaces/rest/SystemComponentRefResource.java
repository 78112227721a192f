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
import org.openaperture.common.domain.Timestamps;
import org.openaperture.manager.interfaces.rest.RequestJson.RefCreateBody;
import org.openaperture.manager.interfaces.rest.RequestJson.RefUpdateBody;
import org.openaperture.system.application.SystemComponentRefService;
import org.openaperture.system.domain.SystemComponentRef;

/** {@code /system_component_refs}: which source each component type runs, keyed by type. */
@Path("system_component_refs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SystemComponentRefResource {

    @Inject
    SystemComponentRefService refs;

    @Inject
    RequestBodies bodies;

    @Context
    UriInfo uri;

    public record RefJson(
            Long id,
            String type,
            String sourceRepo,
            String sourceRepoGitRef,
            Boolean autoUpgradeEnabled,
            String insertedAt,
            String updatedAt) {
        static RefJson of(SystemComponentRef r) {
            return new RefJson(
                    r.id(),
                    r.type(),
                    r.sourceRepo(),
                    r.sourceRepoGitRef(),
                    r.autoUpgradeEnabled(),
                    Timestamps.rfc1123(r.insertedAt()),
                    Timestamps.rfc1123(r.updatedAt()));
        }
    }

    @GET
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public List<RefJson> list() {
        return refs.list().stream().map(RefJson::of).toList();
    }

    @GET
    @Path("{type}")
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public RefJson get(@PathParam("type") String type) {
        return RefJson.of(refs.get(type));
    }

    @POST
    @RolesAllowed(ADMIN)
    public Response create(
            @RequestBody(content = @Content(schema = @Schema(implementation = RefCreateBody.class))) JsonValue body) {
        RefCreateBody r = bodies.bind(body, RefCreateBody.class);
        refs.create(r.type(), r.sourceRepo(), r.sourceRepoGitRef(), r.autoUpgradeEnabled());
        return Response.created(Locations.of(uri, "system_component_refs/{type}", r.type()))
                .build();
    }

    @PUT
    @Path("{type}")
    @RolesAllowed(ADMIN)
    public Response update(
            @PathParam("type") String type,
            @RequestBody(content = @Content(schema = @Schema(implementation = RefUpdateBody.class))) JsonValue body) {
        refs.get(type);
        RefUpdateBody r = bodies.bind(body, RefUpdateBody.class);
        refs.update(type, r.sourceRepo(), r.sourceRepoGitRef(), r.autoUpgradeEnabled());
        return Response.noContent()
                .location(Locations.of(uri, "system_component_refs/{type}", type))
                .build();
    }

    @DELETE
    @Path("{type}")
    @RolesAllowed(ADMIN)
    public Response delete(@PathParam("type") String type) {
        refs.delete(type);
        return Response.noContent().build();
    }
}
