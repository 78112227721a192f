package org.openaperture.workflow.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.application.SecretCipher;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.StateConflictException;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.processed.application.ProcessedMessages;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.ModuleRegistry;
import org.openaperture.messaging.registry.application.NodeIdentity;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.topology.domain.QueueNames;
import org.openaperture.workflow.application.OrchestrationMessage.NotUnderstood;
import org.openaperture.workflow.domain.Workflow;
import org.openaperture.workflow.domain.WorkflowDocument;
import org.openaperture.workflow.domain.WorkflowRun;
import org.openaperture.workflow.domain.WorkflowRun.Dispatched;
import org.openaperture.workflow.domain.WorkflowStateMachine;
import org.openaperture.workflow.domain.WorkflowStateMachine.Cancelled;
import org.openaperture.workflow.domain.WorkflowStateMachine.Complete;
import org.openaperture.workflow.domain.WorkflowStateMachine.Dispatch;
import org.openaperture.workflow.domain.WorkflowStateMachine.Event;
import org.openaperture.workflow.domain.WorkflowStateMachine.Fail;
import org.openaperture.workflow.domain.WorkflowStateMachine.Ignore;
import org.openaperture.workflow.domain.WorkflowStateMachine.Note;
import org.openaperture.workflow.domain.WorkflowStateMachine.Refuse;
import org.openaperture.workflow.domain.WorkflowStateMachine.Transition;
import org.openaperture.workflow.domain.WorkflowStateMachine.Wait;

/**
 * The workflow orchestrator (components.md §3) around {@link WorkflowStateMachine}: loads the workflow
 * (locked), applies the event, records step durations, the event log and where it waits, and queues what
 * follows through the outbox in the same transaction — the milestone request to {@code builder},
 * {@code deployer} or {@code deploy_oa} of the target exchange, a cancel to the component running the step,
 * the orchestrator's own wake-up of a scheduled workflow, chat notifications to {@code notifications_hipchat}
 * and the completion email to {@code notifications_email} of this node's exchange. Each message id has its
 * effect once.
 */
@Stateless
public class WorkflowOrchestration {
    private static final Logger LOG = System.getLogger(WorkflowOrchestration.class.getName());

    /** The consumer name under which processed message ids are recorded. */
    static final String CONSUMER = QueueNames.WORKFLOW_ORCHESTRATION;

    static final String HIPCHAT_QUEUE = QueueNames.NOTIFICATIONS_HIPCHAT;
    static final String EMAIL_QUEUE = QueueNames.NOTIFICATIONS_EMAIL;

    /** Envelope fields the orchestrator sets on every dispatch: never kept from an incoming message. */
    static final Set<String> ROUTING_FIELDS = Set.of(
            "notifications_exchange_id",
            "notifications_broker_id",
            "workflow_orchestration_exchange_id",
            "workflow_orchestration_broker_id",
            "orchestration_queue_name",
            "workflow_id",
            "workflow_start_time",
            "step_time",
            "force_build",
            "build_messaging_exchange_id",
            "deploy_messaging_exchange_id",
            OrchestrationMessage.EVENT,
            OrchestrationMessage.DISPATCH_ID,
            OrchestrationMessage.WAKE_AT,
            OrchestrationMessage.FAILURE_REASON);

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    ProcessedMessages processed;

    @Inject
    ModuleRegistry modules;

    @Inject
    ExchangeService exchanges;

    @Inject
    NodeIdentity node;

    @Inject
    SecretCipher cipher;

    @Inject
    @ConfigProperty(name = "openaperture.ui.url", defaultValue = "http://localhost:8080")
    String uiUrl;

    /**
     * Handles one message of the {@code workflow_orchestration} queue in one transaction. A message that
     * cannot be understood throws {@link NotUnderstood} (the caller fails the workflow it names, if any,
     * and lets the adapter dead-letter it); any other failure throws too, and the redelivery tries again.
     */
    public void handle(String body, String messageId) {
        OrchestrationMessage message = OrchestrationMessage.parse(body);
        if (!processed.firstDelivery(CONSUMER, messageId)) {
            return;
        }
        Workflow workflow = locked(message.workflowId());
        if (message.event() instanceof WorkflowStateMachine.StepCompleted
                || message.event() instanceof WorkflowStateMachine.StepFailed) {
            // Whatever the worker logged travels in the envelope it echoes (§1.8).
            List<String> known = workflow.eventLogEntries();
            if (message.body().get("event_log") instanceof JsonArray log) {
                workflow.appendToEventLog(log.stream()
                        .filter(JsonString.class::isInstance)
                        .map(v -> ((JsonString) v).getString())
                        .filter(entry -> !known.contains(entry))
                        .toList());
            }
        }
        Transition t = apply(workflow, message.event(), message.body());
        if (!t.changed()) {
            LOG.log(
                    Level.INFO,
                    "workflow {0}: {1} changes nothing: {2}",
                    workflow.id(),
                    describe(message.event()),
                    ((Ignore) t.outcome()).why());
        }
    }

    /**
     * Fails the workflow a message that cannot be understood names, in a transaction of its own (the
     * message's own rolls back). A workflow that does not exist, or that already completed, is left alone.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failPoisoned(String workflowId, String reason) {
        Workflow workflow = em.find(Workflow.class, workflowId, LockModeType.PESSIMISTIC_WRITE);
        if (workflow == null) {
            LOG.log(Level.WARNING, "poison orchestration message names workflow {0}, which does not exist", workflowId);
            return;
        }
        Transition t = apply(workflow, new WorkflowStateMachine.Poisoned(reason), null);
        if (t.changed()) {
            LOG.log(Level.WARNING, "workflow {0} failed: {1}", workflowId, reason);
        }
    }

    /** An operator's retry: resumes a failed workflow from the step that failed; 409 unless it failed. */
    public Workflow retry(String workflowId) {
        Workflow workflow = locked(workflowId);
        apply(workflow, new WorkflowStateMachine.Retry(), null);
        return workflow;
    }

    /** An operator's cancel: stops a running workflow and tells the component running its step; 409 unless running. */
    public Workflow cancel(String workflowId) {
        Workflow workflow = locked(workflowId);
        apply(workflow, new WorkflowStateMachine.Cancel(), null);
        return workflow;
    }

    /** What the workflow waits for, for people; empty when it waits for nothing. */
    public Optional<String> waitingFor(Workflow workflow) {
        return WorkflowStateMachine.waitingFor(workflow.run(), this::exchangeName);
    }

    private Transition apply(Workflow workflow, Event event, JsonObject message) {
        LocalDateTime now = Timestamps.nowUtc();
        long own = node.exchangeId();
        WorkflowStateMachine.Surroundings surroundings = new WorkflowStateMachine.Surroundings() {
            @Override
            public long ownExchangeId() {
                return own;
            }

            @Override
            public boolean hasActiveModule(long exchangeId, Set<String> types) {
                return modules.hasActiveModule(exchangeId, types);
            }

            @Override
            public String newDispatchId() {
                return UUID.randomUUID().toString();
            }
        };
        Transition t = WorkflowStateMachine.apply(workflow.run(), event, now, surroundings);
        if (t.outcome() instanceof Refuse refused) {
            throw new StateConflictException(refused.why());
        }
        if (!t.changed()) {
            return t;
        }
        // Opened once per message: the stored context is sealed, and the notes, the email and the dispatch read it.
        JsonObject context = storedContext(workflow);
        if (message != null) {
            context = context(workflow, context, message);
            workflow.orchestrationContext(cipher.seal(context.toString()));
        }
        String prefix = prefix(workflow);
        List<String> rooms = roomNames(context);
        List<String> log = new ArrayList<>();
        for (Note note : t.notes()) {
            log.add(prefix + " " + note.message());
            chat(own, prefix, note, rooms);
        }
        if (t.outcome() instanceof Complete || t.outcome() instanceof Fail) {
            completionEmail(own, workflow, t.run(), prefix, context, log);
        }
        workflow.record(t.run(), log, now);
        em.flush();
        if (t.outcome() instanceof Dispatch dispatch) {
            dispatch(own, workflow, t.run(), dispatch.to(), context);
        } else if (t.outcome() instanceof Wait wait) {
            wake(own, workflow, wait.until());
        } else if (t.outcome() instanceof Cancelled cancelled) {
            cancelled.stop().ifPresent(step -> stop(workflow, step));
        }
        return t;
    }

    /** The milestone request: the envelope of §1.7, the workflow as stored plus what earlier messages carried. */
    private void dispatch(long own, Workflow workflow, WorkflowRun run, Dispatched to, JsonObject context) {
        JsonObjectBuilder envelope = JSON.createObjectBuilder(context);
        WorkflowDocument.wire(workflow).forEach(envelope::add);
        if (JsonText.read(workflow.executeOptionsJson()) instanceof JsonObject options) {
            options.forEach(envelope::add);
        }
        envelope.add("workflow_id", workflow.id())
                .add("notifications_exchange_id", own)
                .add("workflow_orchestration_exchange_id", own)
                .add("orchestration_queue_name", WorkflowStateMachine.ORCHESTRATION_QUEUE)
                .add(OrchestrationMessage.DISPATCH_ID, to.dispatchId());
        Optional<Long> broker = node.brokerId();
        if (broker.isPresent()) {
            envelope.add("notifications_broker_id", broker.get()).add("workflow_orchestration_broker_id", broker.get());
        } else {
            envelope.addNull("notifications_broker_id").addNull("workflow_orchestration_broker_id");
        }
        addTime(envelope, "workflow_start_time", run.startedAt());
        addTime(envelope, "step_time", run.stepStartedAt());
        outbox.enqueue(to.exchangeId(), to.queue(), "milestone." + to.step(), envelope.build());
    }

    /** The wake-up of a scheduled workflow: a message to this node's own queue, sent when it is due. */
    private void wake(long own, Workflow workflow, LocalDateTime at) {
        JsonObject body = JSON.createObjectBuilder()
                .add("id", workflow.id())
                .add(OrchestrationMessage.EVENT, "wake")
                .add(OrchestrationMessage.WAKE_AT, at.toString())
                .build();
        outbox.enqueueAt(own, WorkflowStateMachine.ORCHESTRATION_QUEUE, "workflow_orchestrator.wake", body, at);
    }

    /** Tells the component running the cancelled step to stop it. */
    private void stop(Workflow workflow, Dispatched step) {
        JsonObject body = JSON.createObjectBuilder()
                .add("action", "cancel")
                .add("id", workflow.id())
                .add("workflow_id", workflow.id())
                .add("current_step", step.step())
                .add(OrchestrationMessage.DISPATCH_ID, step.dispatchId() == null ? "" : step.dispatchId())
                .add("workflow_error", true)
                .add("workflow_completed", true)
                .build();
        outbox.enqueue(step.exchangeId(), step.queue(), "milestone.cancel", body);
    }

    /** §3.6: one chat message per note, to this node's exchange. */
    private void chat(long own, String prefix, Note note, List<String> roomNames) {
        JsonArrayBuilder rooms = JSON.createArrayBuilder();
        roomNames.forEach(rooms::add);
        outbox.enqueue(
                own,
                HIPCHAT_QUEUE,
                "notifications.chat",
                JSON.createObjectBuilder()
                        .add("is_success", note.success())
                        .add("prefix", prefix)
                        .add("message", note.message())
                        .add("room_names", rooms)
                        .build());
    }

    /** §3.6: the completion email, when the workflow's notification settings name recipients. */
    private void completionEmail(
            long own, Workflow workflow, WorkflowRun run, String prefix, JsonObject context, List<String> log) {
        List<String> recipients = recipients(context);
        if (recipients.isEmpty()) {
            return;
        }
        String sending =
                "Sending :on_workflow_completed email notification to the following recipient(s): " + recipients;
        log.add(prefix + " " + sending);
        chat(own, prefix, new Note(true, sending), roomNames(context));
        var f = workflow.fields();
        String first = f.sourceRepo() != null && f.sourceRepoGitRef() != null
                ? "Source Commit:\n" + f.sourceRepo() + "/commit/" + f.sourceRepoGitRef()
                : f.sourceRepo() != null
                        ? "Source Repo:\n" + f.sourceRepo()
                        : "Deployment Repo:\nhttps://github.com/" + f.deploymentRepo();
        String link = uiUrl.replaceAll("/+$", "") + "/index.html#/oa/workflows/workflows/" + workflow.id();
        JsonArrayBuilder addresses = JSON.createArrayBuilder();
        recipients.forEach(addresses::add);
        outbox.enqueue(
                own,
                EMAIL_QUEUE,
                "notifications.email",
                JSON.createObjectBuilder()
                        .add("prefix", (run.error() ? "FAILED - " : "SUCCEEDED ") + prefix)
                        .add("message", first + "\n\n" + link)
                        .add("notifications", JSON.createObjectBuilder().add("email_addresses", addresses))
                        .build());
    }

    /** {@code email.events.on_workflow_completed}: group names expand to their addresses, the rest are addresses. */
    static List<String> recipients(JsonObject context) {
        JsonObject email = object(object(context, "notifications_config"), "email");
        JsonValue listed = object(email, "events").get("on_workflow_completed");
        if (!(listed instanceof JsonArray entries)) {
            return List.of();
        }
        JsonObject groups = object(email, "groups");
        Set<String> recipients = new LinkedHashSet<>();
        for (JsonValue entry : entries) {
            if (entry instanceof JsonString name) {
                if (groups.get(name.getString()) instanceof JsonArray members) {
                    members.stream()
                            .filter(JsonString.class::isInstance)
                            .forEach(m -> recipients.add(((JsonString) m).getString()));
                } else {
                    recipients.add(name.getString());
                }
            }
        }
        return List.copyOf(recipients);
    }

    /** Chat rooms: {@code notifications_config.hipchat.room_names}. */
    static List<String> roomNames(JsonObject context) {
        if (object(object(context, "notifications_config"), "hipchat").get("room_names") instanceof JsonArray rooms) {
            return rooms.stream()
                    .filter(JsonString.class::isInstance)
                    .map(r -> ((JsonString) r).getString())
                    .toList();
        }
        return List.of();
    }

    private static JsonObject object(JsonObject parent, String field) {
        return parent.get(field) instanceof JsonObject child ? child : JsonValue.EMPTY_JSON_OBJECT;
    }

    /**
     * The transient fields (§1.7 b: deployable units, notification settings, ...) of the stored context
     * updated with those of {@code message}: every field that is neither stored on the workflow nor set by
     * the orchestrator on each dispatch.
     */
    private static JsonObject context(Workflow workflow, JsonObject stored, JsonObject message) {
        Set<String> persisted = WorkflowDocument.wire(workflow).keySet();
        JsonObjectBuilder context = JSON.createObjectBuilder(stored);
        message.forEach((field, value) -> {
            if (!persisted.contains(field) && !ROUTING_FIELDS.contains(field) && !"action".equals(field)) {
                context.add(field, value);
            }
        });
        return context.build();
    }

    /**
     * Seals every stored context that is not under the current key with that key, after a key rotation (and
     * contexts stored before they were sealed); answers how many it sealed again.
     */
    public int reencryptContexts() {
        List<Workflow> stale = em.createNamedQuery(Workflow.CONTEXT_NOT_SEALED_WITH, Workflow.class)
                .setParameter("keyId", cipher.currentKeyId())
                .getResultList();
        for (Workflow workflow : stale) {
            workflow.orchestrationContext(cipher.seal(openContext(workflow)));
        }
        return stale.size();
    }

    private String openContext(Workflow workflow) {
        return cipher.plainText(workflow.orchestrationContext());
    }

    /** The stored context, opened: it is sealed at rest because it may carry secrets ({@code aws_config}). */
    private JsonObject storedContext(Workflow workflow) {
        if (workflow.orchestrationContext() == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return JsonText.read(openContext(workflow)) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static String prefix(Workflow workflow) {
        String repo = workflow.fields().deploymentRepo();
        return "[OA][" + workflow.id() + "][" + (repo == null ? "Unknown" : repo) + "]";
    }

    private static void addTime(JsonObjectBuilder envelope, String field, LocalDateTime utc) {
        if (utc == null) {
            envelope.addNull(field);
        } else {
            envelope.add(
                    field, utc.atOffset(java.time.ZoneOffset.UTC).toInstant().toString());
        }
    }

    private Workflow locked(String id) {
        return Optional.ofNullable(em.find(Workflow.class, id, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new UnknownEntityException(Workflow.KIND, id));
    }

    private String exchangeName(long id) {
        return exchanges.findByIdOrName(Long.toString(id)).map(Exchange::name).orElse("exchange " + id);
    }

    private static String describe(Event event) {
        return event.getClass().getSimpleName();
    }
}
