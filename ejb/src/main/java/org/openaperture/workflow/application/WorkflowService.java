package org.openaperture.workflow.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.openaperture.common.application.FilteredQuery;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.Page;
import org.openaperture.common.domain.PageRequest;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.registry.application.NodeIdentity;
import org.openaperture.messaging.topology.domain.QueueNames;
import org.openaperture.workflow.domain.Workflow;
import org.openaperture.workflow.domain.WorkflowDocument;
import org.openaperture.workflow.domain.WorkflowFields;
import org.openaperture.workflow.domain.WorkflowRules;

/** Workflows: stored, listed, updated by the orchestrator, and started by a request to the orchestrator. */
@Stateless
public class WorkflowService {
    /** The orchestrator's logical queue. */
    public static final String ORCHESTRATION_QUEUE = QueueNames.WORKFLOW_ORCHESTRATION;

    static final int DEFAULT_LOOKBACK_HOURS = 24;

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    NodeIdentity node;

    /**
     * Which workflows to list: inserted in the last {@code lookbackHours} (default 24; 0 or less: all),
     * of a deployment repository (or the Docker repository of a source repository), optionally only
     * completed or only unfinished ones.
     */
    public record Filter(Integer lookbackHours, String deploymentRepo, String sourceRepo, Boolean completed) {}

    public Page<Workflow> list(Filter filter, PageRequest page) {
        var query = FilteredQuery.of(Workflow.class, "w");
        int hours = filter.lookbackHours() == null ? DEFAULT_LOOKBACK_HOURS : filter.lookbackHours();
        if (hours > 0) {
            query.where("w.insertedAt >= :since", "since", Timestamps.nowUtc().minusHours(hours));
        }
        String repo = filter.deploymentRepo() != null
                ? WorkflowRules.repository(filter.deploymentRepo())
                : filter.sourceRepo() != null
                        ? WorkflowRules.deploymentRepoOfSource(WorkflowRules.repository(filter.sourceRepo()))
                        : null;
        if (repo != null) {
            query.where("w.deploymentRepo = :repo", "repo", repo);
        }
        if (filter.completed() != null) {
            query.where(
                    filter.completed()
                            ? "w.workflowCompleted = TRUE"
                            : "(w.workflowCompleted IS NULL OR w.workflowCompleted = FALSE)");
        }
        return query.page(em, "w.insertedAt DESC, w.id", page);
    }

    public Workflow get(String id) {
        return find(id).orElseThrow(() -> new UnknownEntityException(Workflow.KIND, id));
    }

    /** The workflow, if it exists (no exception, so a caller's transaction is not marked for rollback). */
    public Optional<Workflow> find(String id) {
        return Optional.ofNullable(em.find(Workflow.class, id));
    }

    /** Stores a new workflow: repositories tidied, {@code config} added to milestones that need it. */
    public Workflow create(WorkflowFields fields) {
        Workflow workflow = new Workflow(new WorkflowFields(
                WorkflowRules.repository(fields.deploymentRepo()),
                fields.deploymentRepoGitRef(),
                WorkflowRules.repository(fields.sourceRepo()),
                fields.sourceRepoGitRef(),
                fields.sourceCommitHash(),
                fields.milestonesJson(),
                fields.currentStep(),
                fields.elapsedStepTime(),
                fields.elapsedWorkflowTime(),
                fields.workflowDuration(),
                fields.workflowStepDurationsJson(),
                fields.workflowError(),
                fields.workflowCompleted() == null ? Boolean.FALSE : fields.workflowCompleted(),
                fields.eventLogJson(),
                fields.scheduledStartTime(),
                fields.executeOptionsJson()));
        em.persist(workflow);
        em.flush();
        return workflow;
    }

    public Workflow update(String id, WorkflowFields fields) {
        Workflow workflow = get(id);
        workflow.change(fields);
        em.flush();
        return workflow;
    }

    public void delete(String id) {
        em.remove(get(id));
    }

    /**
     * Starts a workflow: records the options and queues the orchestrator's request in the same transaction;
     * the request reaches the {@code workflow_orchestration} queue of this node's exchange after commit.
     *
     * @return the id of the orchestration message
     */
    public String execute(String id, JsonObject options) {
        // Locked, so that two requests at once cannot both pass the once-only check.
        Workflow workflow = Optional.ofNullable(em.find(Workflow.class, id, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new UnknownEntityException(Workflow.KIND, id));
        workflow.executeWith(JsonText.write(options));
        long exchangeId = node.exchangeId();
        JsonObjectBuilder request = JSON.createObjectBuilder(WorkflowDocument.wire(workflow));
        JsonValue stored = JsonText.read(workflow.executeOptionsJson());
        if (stored instanceof JsonObject storedOptions) {
            storedOptions.forEach(request::add);
        }
        request.add("notifications_exchange_id", exchangeId)
                .add("workflow_orchestration_exchange_id", exchangeId)
                .add("orchestration_queue_name", ORCHESTRATION_QUEUE);
        node.brokerId()
                .ifPresentOrElse(
                        broker -> request.add("notifications_broker_id", broker)
                                .add("workflow_orchestration_broker_id", broker),
                        () -> request.addNull("notifications_broker_id").addNull("workflow_orchestration_broker_id"));
        em.flush();
        return outbox.enqueue(exchangeId, ORCHESTRATION_QUEUE, "workflow_orchestrator.execute", request.build());
    }
}
