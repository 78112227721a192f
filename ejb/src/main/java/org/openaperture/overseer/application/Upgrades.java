package org.openaperture.overseer.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.overseer.domain.UpgradeRules;
import org.openaperture.overseer.domain.UpgradeRules.PlannedWorkflow;
import org.openaperture.overseer.domain.UpgradeRules.Step;
import org.openaperture.overseer.domain.UpgradeRules.WorkflowState;
import org.openaperture.overseer.domain.UpgradeStatus;
import org.openaperture.system.application.SystemComponentRefService;
import org.openaperture.system.application.SystemComponentService;
import org.openaperture.system.domain.SystemComponent;
import org.openaperture.workflow.application.WorkflowService;
import org.openaperture.workflow.domain.Workflow;
import org.openaperture.workflow.domain.WorkflowFields;
import org.openaperture.workflow.domain.WorkflowRun;

/**
 * Upgrades the components of an exchange (components.md §8.4): an upgrade request checks the component
 * against the version its type should run, creates the upgrade's workflows through the workflow service
 * and executes the first one (the orchestrator runs it like any other); {@link #check} follows a running
 * upgrade one step and records how it ended. There is at most one upgrade per component at a time: a
 * request while one runs changes nothing. Each call is one transaction.
 */
@Stateless
public class Upgrades {
    private static final Logger LOG = System.getLogger(Upgrades.class.getName());

    @Inject
    SystemComponentService components;

    @Inject
    SystemComponentRefService refs;

    @Inject
    WorkflowService workflows;

    /** What became of an upgrade request. */
    public enum Result {
        STARTED,
        INELIGIBLE,
        ALREADY_RUNNING,
        NO_COMPONENT
    }

    public record Outcome(Result result, Long componentId, String reason, List<String> workflowIds) {}

    /** Asks for an upgrade of the component of {@code type} in the exchange. */
    public Outcome request(long exchangeId, String type) {
        Optional<SystemComponent> found = component(exchangeId, type);
        if (found.isEmpty()) {
            LOG.log(Level.INFO, "upgrade request for {0}: exchange {1} has no such component", type, exchangeId);
            return new Outcome(Result.NO_COMPONENT, null, "no " + type + " component", List.of());
        }
        SystemComponent component = found.get();
        SystemComponent.Details d = component.details();
        if (UpgradeRules.UPGRADE_IN_PROGRESS.equals(d.status())) {
            return new Outcome(Result.ALREADY_RUNNING, component.id(), "an upgrade is already in progress", List.of());
        }
        UpgradeRules.Component view = view(d);
        UpgradeRules.Ref ref = refs.list().stream()
                .filter(r -> type.equals(r.type()))
                .findFirst()
                .map(r -> new UpgradeRules.Ref(r.sourceRepo(), r.sourceRepoGitRef(), r.autoUpgradeEnabled()))
                .orElse(null);
        Optional<String> ineligible = UpgradeRules.ineligibility(view, ref);
        if (ineligible.isPresent()) {
            // The original also copied the ref's source onto the component here; it is dropped (§12.12).
            save(
                    component,
                    UpgradeRules.INELIGIBLE,
                    UpgradeStatus.parse(d.upgradeStatusJson()).withFailureReason(ineligible.get()));
            LOG.log(Level.INFO, "{0} of exchange {1} not upgraded: {2}", type, exchangeId, ineligible.get());
            return new Outcome(Result.INELIGIBLE, component.id(), ineligible.get(), List.of());
        }
        List<String> ids = new ArrayList<>();
        for (PlannedWorkflow planned : UpgradeRules.plan(view, ref)) {
            ids.add(workflows.create(fields(planned)).id());
        }
        save(
                component,
                UpgradeRules.UPGRADE_IN_PROGRESS,
                new UpgradeStatus(
                        ids,
                        ids.get(0),
                        Timestamps.rfc1123(Timestamps.nowUtc()),
                        "",
                        ref.sourceRepo(),
                        ref.sourceRepoGitRef(),
                        d.deploymentRepo(),
                        d.deploymentRepoGitRef()));
        workflows.execute(ids.get(0), JSON.createObjectBuilder().build());
        LOG.log(Level.INFO, "upgrading {0} of exchange {1} with workflows {2}", type, exchangeId, ids);
        return new Outcome(Result.STARTED, component.id(), null, ids);
    }

    /** Records that the upgrade of {@code type} could not be started (§8.4 step 7). */
    public void fail(long exchangeId, String type, String reason) {
        component(exchangeId, type)
                .ifPresent(c -> save(
                        c,
                        UpgradeRules.UPGRADE_FAILED,
                        UpgradeStatus.parse(c.details().upgradeStatusJson()).withFailureReason(reason)));
    }

    /** A component as the monitor sees it. */
    public record ComponentState(long id, String type, String status, String upgradeStrategy) {
        public boolean inProgress() {
            return UpgradeRules.UPGRADE_IN_PROGRESS.equals(status);
        }

        public boolean hourly() {
            return UpgradeRules.HOURLY.equals(upgradeStrategy);
        }
    }

    /** The components of the exchange. */
    public List<ComponentState> states(long exchangeId) {
        return components.ofExchange(exchangeId).stream()
                .map(c -> new ComponentState(
                        c.id(), c.type(), c.details().status(), c.details().upgradeStrategy()))
                .toList();
    }

    /**
     * Follows the component's upgrade one step (the original MonitorTask): executes the current workflow if
     * it never started, records a failure or the completion. Empty when no upgrade is in progress.
     */
    public Optional<Step> check(long componentId) {
        SystemComponent component = components.find(componentId).orElse(null);
        if (component == null
                || !UpgradeRules.UPGRADE_IN_PROGRESS.equals(component.details().status())) {
            return Optional.empty();
        }
        SystemComponent.Details d = component.details();
        UpgradeStatus status = UpgradeStatus.parse(d.upgradeStatusJson());
        List<WorkflowState> states = status.workflows().stream()
                .map(id -> workflows.find(id).map(Upgrades::state).orElse(null))
                .toList();
        Optional<WorkflowState> current = UpgradeRules.currentWorkflow(states);
        if (current.isEmpty()) {
            String reason =
                    "Upgrade has failed - no current workflow among " + status.workflows() + " (missing or deleted)";
            save(component, UpgradeRules.UPGRADE_FAILED, status.withFailureReason(reason));
            return Optional.of(Step.FAIL);
        }
        WorkflowState workflow = current.get();
        Step step = UpgradeRules.step(workflow);
        switch (step) {
            case EXECUTE -> {
                workflows.execute(workflow.id(), JSON.createObjectBuilder().build());
                save(component, UpgradeRules.UPGRADE_IN_PROGRESS, status.withCurrentWorkflow(workflow.id()));
            }
            case WAIT -> save(component, UpgradeRules.UPGRADE_IN_PROGRESS, status.withCurrentWorkflow(workflow.id()));
            case FAIL ->
                save(
                        component,
                        UpgradeRules.UPGRADE_FAILED,
                        status.withCurrentWorkflow(workflow.id())
                                .withFailureReason("Upgrade has failed - Workflow " + workflow.id() + " has failed!"));
            case COMPLETE ->
                component.change(new SystemComponent.Details(
                        d.exchangeId(),
                        d.type(),
                        status.targetSourceRepo(),
                        status.targetSourceRepoGitRef(),
                        orElse(status.targetDeploymentRepo(), d.deploymentRepo()),
                        orElse(status.targetDeploymentRepoGitRef(), d.deploymentRepoGitRef()),
                        d.upgradeStrategy(),
                        UpgradeRules.UPGRADE_COMPLETED,
                        null));
        }
        if (step != Step.WAIT) {
            LOG.log(Level.INFO, "upgrade of {0} (component {1}): {2}", d.type(), componentId, step);
        }
        return Optional.of(step);
    }

    private Optional<SystemComponent> component(long exchangeId, String type) {
        return components.ofExchange(exchangeId).stream()
                .filter(c -> type.equals(c.type()))
                .findFirst();
    }

    static WorkflowState state(Workflow workflow) {
        WorkflowRun run = workflow.run();
        return new WorkflowState(
                workflow.id(), run.error(), run.completed(), !run.completed() && !run.error() && !run.isRunning());
    }

    private static UpgradeRules.Component view(SystemComponent.Details d) {
        return new UpgradeRules.Component(
                d.type(),
                d.status(),
                d.upgradeStrategy(),
                d.sourceRepo(),
                d.sourceRepoGitRef(),
                d.deploymentRepo(),
                d.deploymentRepoGitRef());
    }

    private static WorkflowFields fields(PlannedWorkflow planned) {
        JsonArrayBuilder milestones = JSON.createArrayBuilder();
        planned.milestones().forEach(milestones::add);
        return new WorkflowFields(
                planned.deploymentRepo(),
                planned.deploymentRepoGitRef(),
                planned.sourceRepo(),
                planned.sourceRepoGitRef(),
                null,
                JsonText.write(milestones.build()),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static void save(SystemComponent component, String status, UpgradeStatus upgradeStatus) {
        SystemComponent.Details d = component.details();
        component.change(new SystemComponent.Details(
                d.exchangeId(),
                d.type(),
                d.sourceRepo(),
                d.sourceRepoGitRef(),
                d.deploymentRepo(),
                d.deploymentRepoGitRef(),
                d.upgradeStrategy(),
                status,
                JsonText.write(upgradeStatus.toJson())));
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
