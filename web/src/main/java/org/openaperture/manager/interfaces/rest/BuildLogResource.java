package org.openaperture.manager.interfaces.rest;

import static org.openaperture.manager.interfaces.rest.Roles.ADMIN;
import static org.openaperture.manager.interfaces.rest.Roles.MODULE;
import static org.openaperture.manager.interfaces.rest.Roles.OPERATOR;
import static org.openaperture.manager.interfaces.rest.Roles.VIEWER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.openaperture.manager.interfaces.buildlog.BuildLogStreams;
import org.openaperture.workflow.application.WorkflowService;

/**
 * {@code GET /workflows/{id}/build_logs}: a workflow's build log, live, as server-sent events: event
 * {@code build_log}, data {@code {"logs":[...]}}, per batch of lines a Builder reports; a comment first once
 * the stream watches the workflow, then one every 15 s. The same roles as reading the workflow; an unknown
 * workflow is a {@code 404}.
 */
@Path("workflows/{id}/build_logs")
@RequestScoped
public class BuildLogResource {

    @Inject
    WorkflowService workflows;

    @Inject
    BuildLogStreams streams;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public void stream(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        String workflowId = workflows.get(WorkflowResource.uuid(id)).id();
        streams.open(workflowId, sink, sse);
    }
}
