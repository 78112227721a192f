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
import jakarta.ws.rs.QueryParam;
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
import org.openaperture.manager.interfaces.rest.RequestJson.SystemComponentBody;
import org.openaperture.system.application.SystemComponentService;
import org.openaperture.system.domain.SystemComponent;

/** {@code /system_components}: the OpenAperture components deployed in each exchange. */
@Path("system_components")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SystemComponentResource {

    @Inject
    SystemComponentService components;

    @Inject
    RequestBodies bodies;

    @Context
    UriInfo uri;

    public record SystemComponentJson(
            Long id,
            Long messagingExchangeId,
            String type,
            String sourceRepo,
            String sourceRepoGitRef,
            String deploymentRepo,
            String deploymentRepoGitRef,
            String upgradeStrategy,
            String status,
            JsonValue upgradeStatus,
            String insertedAt,
            String updatedAt) {
        static SystemComponentJson of(SystemComponent c) {
            SystemComponent.Details d = c.details();
            return new SystemComponentJson(
                    c.id(),
                    d.exchangeId(),
                    d.type(),
                    d.sourceRepo(),
                    d.sourceRepoGitRef(),
                    d.deploymentRepo(),
                    d.deploymentRepoGitRef(),
                    d.upgradeStrategy(),
                    d.status(),
                    JsonText.read(d.upgradeStatusJson()),
                    Timestamps.rfc1123(c.insertedAt()),
                    Timestamps.rfc1123(c.updatedAt()));
        }
    }

    @GET
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public List<SystemComponentJson> list(@QueryParam("type") String type) {
        return components.list(type).stream().map(SystemComponentJson::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public SystemComponentJson get(@PathParam("id") long id) {
        return SystemComponentJson.of(components.get(id));
    }

    @POST
    @RolesAllowed(ADMIN)
    public Response create(
            @RequestBody(content = @Content(schema = @Schema(implementation = SystemComponentBody.class)))
                    JsonValue body) {
        SystemComponentBody c = bodies.bind(body, SystemComponentBody.class);
        SystemComponent created = components.create(new SystemComponent.Details(
                c.messagingExchangeId(),
                c.type(),
                c.sourceRepo(),
                c.sourceRepoGitRef(),
                c.deploymentRepo(),
                c.deploymentRepoGitRef(),
                c.upgradeStrategy(),
                c.status(),
                JsonText.write(c.upgradeStatus())));
        return Response.created(Locations.of(uri, "system_components/{id}", created.id()))
                .build();
    }

    /**
     * The body is validated as a complete component; optional fields left out keep their value, except
     * {@code upgrade_status}, which is always replaced (as the original did). Modules (the Overseer) report
     * upgrade progress here.
     */
    @PUT
    @Path("{id}")
    @RolesAllowed({ADMIN, MODULE})
    public Response update(
            @PathParam("id") long id,
            @RequestBody(content = @Content(schema = @Schema(implementation = SystemComponentBody.class)))
                    JsonValue body) {
        SystemComponent.Details current = components.get(id).details();
        SystemComponentBody c = bodies.bind(body, SystemComponentBody.class);
        components.update(
                id,
                new SystemComponent.Details(
                        c.messagingExchangeId(),
                        c.type(),
                        bodies.has(body, "source_repo") ? c.sourceRepo() : current.sourceRepo(),
                        bodies.has(body, "source_repo_git_ref") ? c.sourceRepoGitRef() : current.sourceRepoGitRef(),
                        c.deploymentRepo(),
                        c.deploymentRepoGitRef(),
                        c.upgradeStrategy(),
                        bodies.has(body, "status") ? c.status() : current.status(),
                        JsonText.write(c.upgradeStatus())));
        return Response.noContent()
                .location(Locations.of(uri, "system_components/{id}", id))
                .build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(ADMIN)
    public Response delete(@PathParam("id") long id) {
        components.delete(id);
        return Response.noContent().build();
    }

    /** Asks the component's Overseer to upgrade it; the request is sent after this call commits. */
    @POST
    @Path("{id}/upgrade")
    @RolesAllowed(ADMIN)
    public Response upgrade(@PathParam("id") long id) {
        components.requestUpgrade(id);
        return Response.noContent().build();
    }
}
