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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.manager.interfaces.rest.RequestJson.AssignBody;
import org.openaperture.manager.interfaces.rest.RequestJson.DismissBody;
import org.openaperture.manager.interfaces.rest.RequestJson.EventBody;
import org.openaperture.system.application.SystemEventService;
import org.openaperture.system.domain.SystemEvent;

/** {@code /system_events}: what operators should know about, assigned to and dismissed by people. */
@Path("system_events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SystemEventResource {

    @Inject
    SystemEventService events;

    @Inject
    Callers callers;

    @Inject
    RequestBodies bodies;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    public record EventJson(
            Long id,
            String type,
            String message,
            String severity,
            JsonValue data,
            String insertedAt,
            String updatedAt,
            String dismissedAt,
            Long dismissedById,
            String dismissedReason,
            String assignedAt,
            Long assigneeId,
            Long assignedById) {
        static EventJson of(SystemEvent e) {
            return new EventJson(
                    e.id(),
                    e.type(),
                    e.message(),
                    e.severity(),
                    JsonText.read(e.dataJson()),
                    Timestamps.rfc1123(e.insertedAt()),
                    Timestamps.rfc1123(e.updatedAt()),
                    Timestamps.rfc1123(e.dismissedAt()),
                    e.dismissedById(),
                    e.dismissedReason(),
                    Timestamps.rfc1123(e.assignedAt()),
                    e.assigneeId(),
                    e.assignedById());
        }
    }

    /**
     * Events of the last {@code lookback} hours (0 or less: all), else those assigned to {@code assignee_id},
     * else those of the last 24 hours; {@code type}, {@code severity} and {@code dismissed} filter further.
     */
    @GET
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public Response list(
            @QueryParam("lookback") String lookback,
            @QueryParam("assignee_id") String assigneeId,
            @QueryParam("type") String type,
            @QueryParam("severity") String severity,
            @QueryParam("dismissed") String dismissed,
            @QueryParam("page") String page,
            @QueryParam("per_page") String perPage) {
        var filter = new SystemEventService.Filter(
                Lists.integer("lookback", lookback),
                Lists.id("assignee_id", assigneeId),
                type,
                severity,
                Lists.bool("dismissed", dismissed));
        return Lists.answer(events.list(filter, Lists.pageRequest(page, perPage)), EventJson::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public EventJson get(@PathParam("id") long id) {
        return EventJson.of(events.get(id));
    }

    @POST
    @RolesAllowed({MODULE, ADMIN, OPERATOR})
    public Response create(
            @RequestBody(content = @Content(schema = @Schema(implementation = EventBody.class))) JsonValue body) {
        EventBody e = bodies.bind(body, EventBody.class);
        SystemEvent event =
                events.raise(e.type(), e.severity(), e.message(), e.data(), Boolean.TRUE.equals(e.unique()));
        return Response.created(Locations.of(uri, "system_events/{id}", event.id()))
                .build();
    }

    @POST
    @Path("{id}/assign")
    @RolesAllowed({OPERATOR, ADMIN})
    public Response assign(
            @PathParam("id") long id,
            @RequestBody(content = @Content(schema = @Schema(implementation = AssignBody.class))) JsonValue body) {
        events.get(id);
        AssignBody a = bodies.bind(body, AssignBody.class);
        events.assign(id, a.assigneeId(), callers.id(security));
        return Response.noContent()
                .location(Locations.of(uri, "system_events/{id}", id))
                .build();
    }

    /** Dismissed by {@code dismissed_by_id} when given, else by the caller. */
    @POST
    @Path("{id}/dismiss")
    @RolesAllowed({OPERATOR, ADMIN})
    public Response dismiss(
            @PathParam("id") long id,
            @RequestBody(content = @Content(schema = @Schema(implementation = DismissBody.class))) JsonValue body) {
        events.get(id);
        DismissBody d = bodies.bind(body == null ? jakarta.json.JsonValue.EMPTY_JSON_OBJECT : body, DismissBody.class);
        events.dismiss(id, d.dismissedById(), callers.id(security), d.dismissedReason());
        return Response.noContent()
                .location(Locations.of(uri, "system_events/{id}", id))
                .build();
    }
}
