package org.openaperture.overseer.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a component may be upgraded, which workflows upgrade it and which of them is current (components.md
 * §8.4). Statuses are those the original Overseer wrote on the component.
 */
public final class UpgradeRules {
    public static final String UPGRADE_IN_PROGRESS = "upgrade_in_progress";
    public static final String INELIGIBLE = "ineligible_for_upgrade";
    public static final String UPGRADE_FAILED = "upgrade_failed";
    public static final String UPGRADE_COMPLETED = "upgrade_completed";
    public static final String MANUAL = "manual";
    public static final String HOURLY = "hourly";
    public static final String DEPLOYER = "deployer";

    private UpgradeRules() {}

    /** The component as the rules see it. */
    public record Component(
            String type,
            String status,
            String upgradeStrategy,
            String sourceRepo,
            String sourceRepoGitRef,
            String deploymentRepo,
            String deploymentRepoGitRef) {}

    /** The version a type should run (its SystemComponentRef). */
    public record Ref(String sourceRepo, String sourceRepoGitRef, boolean autoUpgradeEnabled) {}

    /** A workflow to create: where it deploys from and to, and its milestones. */
    public record PlannedWorkflow(
            String deploymentRepo,
            String deploymentRepoGitRef,
            String sourceRepo,
            String sourceRepoGitRef,
            List<String> milestones) {}

    /** What the monitor knows of one of the upgrade's workflows. */
    public record WorkflowState(String id, boolean error, boolean completed, boolean neverStarted) {
        boolean succeeded() {
            return completed && !error;
        }
    }

    /**
     * Why the component may not be upgraded to the ref, checked in the original's order (the first failing
     * check wins); empty when it may. A null ref is one that could not be loaded. As in the original, a
     * component whose strategy is {@code manual} is refused even when an operator asked (§12.12).
     */
    public static Optional<String> ineligibility(Component c, Ref ref) {
        if (ref == null) {
            return Optional.of("Unable to load the SystemComponentRef for type " + c.type());
        }
        if (UPGRADE_IN_PROGRESS.equals(c.status())) {
            return Optional.of("An upgrade is already in progress");
        }
        if (blank(c.upgradeStrategy()) || MANUAL.equals(c.upgradeStrategy())) {
            return Optional.of("The upgrade strategy is manual");
        }
        if (blank(c.deploymentRepo())) {
            return Optional.of("The component has no deployment_repo");
        }
        if (blank(c.deploymentRepoGitRef())) {
            return Optional.of("The component has no deployment_repo_git_ref");
        }
        if (!ref.autoUpgradeEnabled()) {
            return Optional.of("Auto-upgrade is disabled for type " + c.type());
        }
        if (blank(ref.sourceRepo())) {
            return Optional.of("The SystemComponentRef has no source_repo");
        }
        if (blank(ref.sourceRepoGitRef())) {
            return Optional.of("The SystemComponentRef has no source_repo_git_ref");
        }
        if (Objects.equals(ref.sourceRepo(), c.sourceRepo())
                && Objects.equals(ref.sourceRepoGitRef(), c.sourceRepoGitRef())) {
            return Optional.of("The component is already running the latest version");
        }
        return Optional.empty();
    }

    /**
     * The upgrade's workflows: the component redeployed by the OA Deployer ({@code [config, deploy_oa]});
     * for a Deployer, then also the OA Deployer redeployed by a normal Deployer ({@code <repo>_oa},
     * {@code [config, deploy]}), so that no Deployer ever redeploys itself.
     */
    public static List<PlannedWorkflow> plan(Component c, Ref ref) {
        List<PlannedWorkflow> plan = new ArrayList<>();
        plan.add(new PlannedWorkflow(
                c.deploymentRepo(),
                c.deploymentRepoGitRef(),
                ref.sourceRepo(),
                ref.sourceRepoGitRef(),
                List.of("config", "deploy_oa")));
        if (DEPLOYER.equals(c.type())) {
            plan.add(new PlannedWorkflow(
                    c.deploymentRepo() + "_oa",
                    c.deploymentRepoGitRef(),
                    ref.sourceRepo(),
                    ref.sourceRepoGitRef(),
                    List.of("config", "deploy")));
        }
        return plan;
    }

    /**
     * The workflow the upgrade is at: the first that failed, else the first that has not completed, else
     * the last. Empty when there are none, or when one of them could not be read (a null entry).
     */
    public static Optional<WorkflowState> currentWorkflow(List<WorkflowState> workflows) {
        if (workflows == null || workflows.isEmpty() || workflows.contains(null)) {
            return Optional.empty();
        }
        return workflows.stream()
                .filter(WorkflowState::error)
                .findFirst()
                .or(() -> workflows.stream().filter(w -> !w.succeeded()).findFirst())
                .or(() -> Optional.of(workflows.get(workflows.size() - 1)));
    }

    /** What the monitor does about the current workflow. */
    public enum Step {
        /** It never started: execute it and keep watching. */
        EXECUTE,
        /** It runs: keep watching. */
        WAIT,
        /** It failed: the upgrade failed. */
        FAIL,
        /** Every workflow completed: the upgrade completed. */
        COMPLETE
    }

    public static Step step(WorkflowState current) {
        if (current.error()) {
            return Step.FAIL;
        }
        if (current.completed()) {
            return Step.COMPLETE;
        }
        return current.neverStarted() ? Step.EXECUTE : Step.WAIT;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
