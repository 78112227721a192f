package org.openaperture.manager.interfaces.rest;

import static org.openaperture.common.domain.JsonProviders.JSON;
import static org.openaperture.manager.interfaces.rest.Roles.ADMIN;
import static org.openaperture.manager.interfaces.rest.Roles.MODULE;
import static org.openaperture.manager.interfaces.rest.Roles.OPERATOR;
import static org.openaperture.manager.interfaces.rest.Roles.VIEWER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.manager.interfaces.rest.RequestJson.ExecuteBody;
import org.openaperture.manager.interfaces.rest.RequestJson.WorkflowBody;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.workflow.application.WorkflowOrchestration;
import org.openaperture.workflow.application.WorkflowService;
import org.openaperture.workflow.domain.Workflow;
import org.openaperture.workflow.domain.WorkflowDocument;
import org.openaperture.workflow.domain.WorkflowFields;
import org.openaperture.workflow.domain.WorkflowRules;

/** {@code /workflows}: build-and-deploy runs, updated by the orchestrator, started by operators. */
@Path("workflows")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    @Inject
    WorkflowService workflows;

    @Inject
    WorkflowOrchestration orchestration;

    @Inject
    ExchangeService exchanges;

    @Inject
    RequestBodies bodies;

    @Context
    UriInfo uri;

    /**
     * Workflows of the last {@code lookback} hours (default 24, 0: all), of {@code deployment_repo} or of the
     * Docker repository of {@code source_repo}; {@code completed} filters further.
     */
    @GET
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public Response list(
            @QueryParam("lookback") String lookback,
            @QueryParam("deployment_repo") String deploymentRepo,
            @QueryParam("source_repo") String sourceRepo,
            @QueryParam("completed") String completed,
            @QueryParam("page") String page,
            @QueryParam("per_page") String perPage) {
        var filter = new WorkflowService.Filter(
                Lists.integer("lookback", lookback), deploymentRepo, sourceRepo, Lists.bool("completed", completed));
        return Lists.answer(workflows.list(filter, Lists.pageRequest(page, perPage)), this::document);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({VIEWER, OPERATOR, ADMIN, MODULE})
    public WorkflowDocument get(@PathParam("id") String id) {
        return document(workflows.get(uuid(id)));
    }

    /** With {@code waiting_for}: what a running workflow waits for, e.g. a step on a component of an exchange. */
    private WorkflowDocument document(Workflow workflow) {
        return WorkflowDocument.of(workflow, orchestration.waitingFor(workflow).orElse(null));
    }

    @POST
    @RolesAllowed({OPERATOR, ADMIN})
    public Response create(
            @RequestBody(content = @Content(schema = @Schema(implementation = WorkflowBody.class))) JsonValue body) {
        WorkflowBody w = bodies.bind(body, WorkflowBody.class);
        WorkflowFields empty = new WorkflowFields(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        Workflow created = workflows.create(merge(empty, body, w));
        return Response.created(Locations.of(uri, "workflows/{id}", created.id()))
                .build();
    }

    /** Changes the fields present in the body; {@code workflow_completed} left out means false, as before. */
    @PUT
    @Path("{id}")
    @RolesAllowed({MODULE, ADMIN})
    public Response update(
            @PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(implementation = WorkflowBody.class))) JsonValue body) {
        Workflow current = workflows.get(uuid(id));
        WorkflowBody w = bodies.bind(body, WorkflowBody.class);
        WorkflowFields merged = merge(current.fields(), body, w);
        if (!bodies.has(body, "workflow_completed")) {
            merged = withCompleted(merged, Boolean.FALSE);
        }
        workflows.update(current.id(), merged);
        return Response.noContent()
                .location(Locations.of(uri, "workflows/{id}", current.id()))
                .build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(ADMIN)
    public Response delete(@PathParam("id") String id) {
        workflows.delete(uuid(id));
        return Response.noContent().build();
    }

    /**
     * Starts the workflow: 409 when it already completed or started. The orchestration request is queued
     * with the change and sent after commit, so 202 means it will reach the orchestrator's queue.
     */
    @POST
    @Path("{id}/execute")
    @RolesAllowed({OPERATOR, ADMIN})
    public Response execute(
            @PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(implementation = ExecuteBody.class))) JsonValue body) {
        String workflowId = uuid(id);
        workflows.get(workflowId);
        ExecuteBody e = bodies.bind(body == null ? JsonValue.EMPTY_JSON_OBJECT : body, ExecuteBody.class);
        JsonObjectBuilder options = JSON.createObjectBuilder();
        if (e.forceBuild() != null) {
            options.add("force_build", e.forceBuild());
        }
        if (e.buildMessagingExchangeId() != null) {
            options.add(
                    "build_messaging_exchange_id",
                    requireExchange("build_messaging_exchange_id", e.buildMessagingExchangeId()));
        }
        if (e.deployMessagingExchangeId() != null) {
            options.add(
                    "deploy_messaging_exchange_id",
                    requireExchange("deploy_messaging_exchange_id", e.deployMessagingExchangeId()));
        }
        workflows.execute(workflowId, options.build());
        return Response.accepted()
                .location(Locations.of(uri, "workflows/{id}", workflowId))
                .build();
    }

    /**
     * Resumes a failed workflow from the step that failed (409 unless it failed): the step is dispatched
     * again, through the outbox, and the answer is the workflow as it now stands.
     */
    @POST
    @Path("{id}/retry")
    @RolesAllowed({OPERATOR, ADMIN})
    public Response retry(@PathParam("id") String id) {
        Workflow workflow = orchestration.retry(uuid(id));
        return Response.accepted(document(workflow))
                .location(Locations.of(uri, "workflows/{id}", workflow.id()))
                .build();
    }

    /**
     * Stops a running workflow (409 unless running): it is marked cancelled (completed, with an error, so
     * workers that look stop too) and the component running its step is told to stop it.
     */
    @POST
    @Path("{id}/cancel")
    @RolesAllowed({OPERATOR, ADMIN})
    public Response cancel(@PathParam("id") String id) {
        Workflow workflow = orchestration.cancel(uuid(id));
        return Response.accepted(document(workflow))
                .location(Locations.of(uri, "workflows/{id}", workflow.id()))
                .build();
    }

    private long requireExchange(String field, long id) {
        if (exchanges.findByIdOrName(Long.toString(id)).isEmpty()) {
            throw new InvalidRequestException(field, "exchange " + id + " does not exist");
        }
        return id;
    }

    /** Workflow ids are UUIDs; anything else names no workflow. */
    static String uuid(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new UnknownEntityException(Workflow.KIND, id);
        }
    }

    private WorkflowFields merge(WorkflowFields current, JsonValue body, WorkflowBody w) {
        return new WorkflowFields(
                bodies.has(body, "deployment_repo") ? w.deploymentRepo() : current.deploymentRepo(),
                bodies.has(body, "deployment_repo_git_ref") ? w.deploymentRepoGitRef() : current.deploymentRepoGitRef(),
                bodies.has(body, "source_repo") ? w.sourceRepo() : current.sourceRepo(),
                bodies.has(body, "source_repo_git_ref") ? w.sourceRepoGitRef() : current.sourceRepoGitRef(),
                bodies.has(body, "source_commit_hash") ? w.sourceCommitHash() : current.sourceCommitHash(),
                bodies.has(body, "milestones") ? milestones(w.milestones()) : current.milestonesJson(),
                bodies.has(body, "current_step") ? w.currentStep() : current.currentStep(),
                bodies.has(body, "elapsed_step_time") ? w.elapsedStepTime() : current.elapsedStepTime(),
                bodies.has(body, "elapsed_workflow_time") ? w.elapsedWorkflowTime() : current.elapsedWorkflowTime(),
                bodies.has(body, "workflow_duration") ? w.workflowDuration() : current.workflowDuration(),
                bodies.has(body, "workflow_step_durations")
                        ? JsonText.write(w.workflowStepDurations())
                        : current.workflowStepDurationsJson(),
                bodies.has(body, "workflow_error") ? w.workflowError() : current.workflowError(),
                bodies.has(body, "workflow_completed") ? w.workflowCompleted() : current.workflowCompleted(),
                bodies.has(body, "event_log") ? JsonText.write(w.eventLog()) : current.eventLogJson(),
                bodies.has(body, "scheduled_start_time")
                        ? rfc1123("scheduled_start_time", w.scheduledStartTime())
                        : current.scheduledStartTime(),
                bodies.has(body, "execute_options")
                        ? JsonText.write(w.executeOptions())
                        : current.executeOptionsJson());
    }

    private static WorkflowFields withCompleted(WorkflowFields f, Boolean completed) {
        return new WorkflowFields(
                f.deploymentRepo(),
                f.deploymentRepoGitRef(),
                f.sourceRepo(),
                f.sourceRepoGitRef(),
                f.sourceCommitHash(),
                f.milestonesJson(),
                f.currentStep(),
                f.elapsedStepTime(),
                f.elapsedWorkflowTime(),
                f.workflowDuration(),
                f.workflowStepDurationsJson(),
                f.workflowError(),
                completed,
                f.eventLogJson(),
                f.scheduledStartTime(),
                f.executeOptionsJson());
    }

    /** Milestones are a list of names; {@code config} is added where the rules say so. */
    private static String milestones(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
            throw new InvalidRequestException("milestones", "milestones must be a list of milestone names");
        }
        var names = array.getValuesAs(JsonString::getString);
        var processed = WorkflowRules.milestones(names);
        var json = JSON.createArrayBuilder();
        processed.forEach(json::add);
        return JsonText.write(json.build());
    }

    /** RFC 1123 times as the original exchanged them; {@code GMT} and {@code UTC} are both accepted. */
    static LocalDateTime rfc1123(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.ofInstant(
                    java.time.ZonedDateTime.parse(
                                    value.strip().replaceFirst(" UTC$", " GMT"), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant(),
                    ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    field,
                    field + " must be an RFC 1123 time such as 'Tue, 25 Nov 2026 10:00:00 GMT', not '" + value + "'");
        }
    }
}
