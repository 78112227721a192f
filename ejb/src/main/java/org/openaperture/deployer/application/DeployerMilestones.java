package org.openaperture.deployer.application;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.openaperture.deployer.domain.DeployPlan;
import org.openaperture.deployer.domain.DeployRefusedException;
import org.openaperture.deployer.domain.DeployableUnit;
import org.openaperture.deployer.domain.DeployerNotifications;
import org.openaperture.deployer.domain.DeployerRequest;
import org.openaperture.deployer.domain.EcsDeployment;
import org.openaperture.deployer.domain.UnitInstance;
import org.openaperture.deployer.domain.UnitState;
import org.openaperture.deployer.domain.UnitStatusRules;
import org.openaperture.deployer.domain.UnitStatusRules.Verdict;
import org.openaperture.worker.application.Cancellation;
import org.openaperture.worker.domain.MilestoneRequest;
import org.openaperture.worker.domain.WorkerNotifications;

/**
 * Runs one Deployer request (components.md §5.2–5.5) on a {@link DeployTarget}: {@code deploy} and {@code
 * deploy_oa} cycle the units and then monitor them, {@code deploy_ecs} goes to the {@link EcsDeployer}. Blocking
 * and without a container, so it runs on a job thread and in plain tests. It returns the one {@link Outcome} the
 * orchestrator is told; nothing here calls back, so a failed deploy is never also monitored and a timeout is
 * reported once (the double callbacks of §12.3 are gone).
 */
public class DeployerMilestones {
    private static final Logger LOG = System.getLogger(DeployerMilestones.class.getName());
    static final String INTERRUPTED = "The deployment was cancelled";

    /** Receives each chat notification the request gives rise to (§1.8). */
    @FunctionalInterface
    public interface Progress {
        void notify(boolean success, String message);
    }

    /** How the milestone ended, with the lines for the workflow's event log. */
    public sealed interface Outcome {
        List<String> events();
    }

    /** {@code step_completed}. */
    public record Completed(List<String> events) implements Outcome {}

    /**
     * {@code step_failed(message, reason)}: {@code message} is notified, {@code reason} is the failure reason;
     * {@code unexpected} when an error (not a rule of the Deployer) failed it: an {@code unhandled_exception}
     * system event is raised too (§5.2).
     */
    public record Failed(String message, String reason, List<String> events, boolean unexpected) implements Outcome {
        public Failed(String message, String reason, List<String> events) {
            this(message, reason, events, false);
        }
    }

    private final DeployTarget target;
    private final EcsDeployer ecs;
    private final MonitorBudget budget;
    private final IntSupplier ports;
    private final String hostname;

    /**
     * @param ecs null when this node has no ECS deployer: {@code deploy_ecs} then fails with the reason
     * @param ports the port each instance gets for {@code <%= dst_port %>} (the original: always 0)
     */
    public DeployerMilestones(
            DeployTarget target, EcsDeployer ecs, MonitorBudget budget, IntSupplier ports, String hostname) {
        this.target = target;
        this.ecs = ecs;
        this.budget = budget;
        this.ports = ports;
        this.hostname = hostname;
    }

    public Outcome run(MilestoneRequest request, Progress progress, Cancellation cancellation) {
        Run run = new Run(request, progress, cancellation);
        String step = request.step();
        if ("deploy".equals(step) || "deploy_oa".equals(step)) {
            return run.deployThenMonitor();
        }
        if ("deploy_ecs".equals(step)) {
            return run.deployEcs();
        }
        String unknown = DeployerNotifications.unknownMilestone(step);
        return new Failed(unknown, unknown, List.of());
    }

    private final class Run {
        private final MilestoneRequest request;
        private final Progress progress;
        private final Cancellation cancellation;
        private final String cluster;
        private final List<String> events = new ArrayList<>();
        /** The instances this job launched, so that a cancel stops them. */
        private final List<String> launched = new ArrayList<>();

        Run(MilestoneRequest request, Progress progress, Cancellation cancellation) {
            this.request = request;
            this.progress = progress;
            this.cancellation = cancellation;
            this.cluster = DeployerRequest.cluster(request);
        }

        /** §1.8: a notification also goes to the event log, prefixed. */
        private void say(boolean success, String message) {
            progress.notify(success, message);
            events.add(WorkerNotifications.prefix(request) + " " + message);
        }

        private Outcome failed(String message, String reason) {
            return new Failed(message, reason, events);
        }

        private Outcome failedUnexpectedly(String message, RuntimeException e) {
            LOG.log(Level.WARNING, message + " (workflow " + request.workflowId() + ")", e);
            return new Failed(message, describe(e), events, !(e instanceof DeployRefusedException));
        }

        Outcome deployThenMonitor() {
            say(true, DeployerNotifications.received(hostname, cluster));
            List<String> deployed;
            try {
                deployed = deploy();
            } catch (DeployRefusedException e) {
                return failed(DeployerNotifications.DEPLOY_FAILED, e.getMessage());
            } catch (Interrupted e) {
                stopLaunched();
                return failed(INTERRUPTED, INTERRUPTED);
            } catch (RuntimeException e) {
                return failedUnexpectedly(DeployerNotifications.DEPLOY_ERROR, e);
            }
            say(true, DeployerNotifications.DEPLOYED);
            try {
                return monitor(deployed);
            } catch (Interrupted e) {
                stopLaunched();
                return failed(INTERRUPTED, INTERRUPTED);
            } catch (RuntimeException e) {
                return failedUnexpectedly(DeployerNotifications.MONITOR_ERROR, e);
            }
        }

        /** §5.3: the instances launched, by name. */
        private List<String> deploy() {
            DeployPlan plan = DeployPlan.of(
                    cluster,
                    target.machines(cluster).size(),
                    DeployerRequest.instanceCount(request),
                    DeployerRequest.units(request));
            say(true, DeployerNotifications.preparing(plan));
            List<UnitState> running = target.units(cluster);
            Set<String> runningNames = running.stream().map(UnitState::name).collect(Collectors.toSet());
            List<String> deployed = new ArrayList<>();
            for (UnitInstance instance : plan.instances(ports)) {
                checkCancelled();
                if (runningNames.contains(instance.name())) {
                    target.remove(cluster, instance.name());
                }
                target.launch(cluster, instance);
                launched.add(instance.name());
                deployed.add(instance.name());
            }
            for (DeployableUnit unit : plan.units()) {
                for (String leftover : plan.leftovers(unit, running)) {
                    checkCancelled();
                    target.remove(cluster, leftover);
                }
            }
            return deployed;
        }

        /** A cancelled deploy leaves nothing of its own running: every instance it launched is removed. */
        private void stopLaunched() {
            for (String instance : launched) {
                try {
                    target.remove(cluster, instance);
                    LOG.log(
                            Level.INFO,
                            "cancelled deploy of workflow {0}: stopped {1}",
                            request.workflowId(),
                            instance);
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "cancelled deploy of workflow " + request.workflowId() + ": could not stop " + instance
                                    + ": " + describe(e));
                }
            }
        }

        /** §5.4, ending in exactly one outcome. */
        private Outcome monitor(List<String> units) {
            say(true, DeployerNotifications.monitorReceived(hostname, cluster));
            say(true, DeployerNotifications.monitoring(units));
            List<String> remaining = new ArrayList<>(units);
            List<String> completed = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            boolean timedOut = false;
            int round = 0;
            while (true) {
                if (remaining.isEmpty()) {
                    say(true, DeployerNotifications.NO_REMAINING_UNITS);
                    break;
                }
                say(true, DeployerNotifications.startingToMonitor(remaining.size()));
                Map<String, UnitState> states = states();
                List<String> stillDeploying = new ArrayList<>();
                for (String unit : remaining) {
                    switch (verdict(unit, states.get(unit))) {
                        case COMPLETED -> completed.add(unit);
                        case FAILED -> failed.add(unit);
                        default -> stillDeploying.add(unit);
                    }
                }
                remaining = stillDeploying;
                say(true, DeployerNotifications.stillDeploying(remaining.size()));
                if (remaining.isEmpty()) {
                    continue;
                }
                round++;
                if (round >= budget.attempts()) {
                    timedOut = true;
                    break;
                }
                pause(budget.interval());
            }
            reportFailed(failed);
            say(true, DeployerNotifications.deployedUnits(completed));
            if (!units.isEmpty() && completed.isEmpty()) {
                return failed(DeployerNotifications.MONITOR_FAILED, DeployerNotifications.NONE_DEPLOYED);
            }
            if (timedOut) {
                return failed(DeployerNotifications.MONITOR_FAILED, DeployerNotifications.tookTooLong(budget.total()));
            }
            return new Completed(events);
        }

        /** A unit whose sub-state reads failed is read again, up to three times, before it counts as failed. */
        private Verdict verdict(String unit, UnitState state) {
            Verdict verdict = UnitStatusRules.classify(state);
            for (int recheck = 1; verdict == Verdict.RECHECK; recheck++) {
                pause(budget.recheckInterval());
                verdict = UnitStatusRules.afterRecheck(states().get(unit), recheck);
            }
            return verdict;
        }

        private void reportFailed(List<String> failed) {
            if (failed.isEmpty()) {
                return;
            }
            for (String unit : failed) {
                try {
                    say(false, DeployerNotifications.unitFailed(unit, target.logs(cluster, unit)));
                } catch (RuntimeException e) {
                    say(false, DeployerNotifications.unitFailedNoJournal(unit, describe(e)));
                }
            }
            say(false, DeployerNotifications.failedUnits(failed));
        }

        private Map<String, UnitState> states() {
            return target.units(cluster).stream()
                    .collect(Collectors.toMap(UnitState::name, Function.identity(), (a, b) -> a));
        }

        /** §5.5. */
        Outcome deployEcs() {
            say(true, DeployerNotifications.ecsReceived(hostname));
            try {
                if (ecs == null) {
                    return failed(
                            DeployerNotifications.ECS_ERROR,
                            "this Deployer has no ECS deployer: deploy_ecs cannot run on node " + hostname);
                }
                EcsDeployment deployment = DeployerRequest.ecs(request);
                ecs.deploy(deployment, line -> say(true, line));
            } catch (RuntimeException e) {
                return failedUnexpectedly(DeployerNotifications.ECS_ERROR, e);
            }
            say(true, DeployerNotifications.ECS_DEPLOYED);
            return new Completed(events);
        }

        private void pause(java.time.Duration duration) {
            if (!cancellation.pause(duration)) {
                throw new Interrupted();
            }
        }

        private void checkCancelled() {
            if (cancellation.isCancelled()) {
                throw new Interrupted();
            }
        }
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** The job was cancelled: it stops where it is, and nobody is told (the orchestrator already failed it). */
    private static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super(INTERRUPTED, null, false, false);
        }
    }
}
