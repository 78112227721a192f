package org.openaperture.worker.application;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The jobs a worker (Builder, Deployer) runs, at most one per workflow: a new request for a workflow cancels the
 * job still running for it, and the orchestrator's cancel stops it through its {@link Cancellation}.
 */
public final class RunningJobs {
    private static final Logger LOG = System.getLogger(RunningJobs.class.getName());

    private final String component;
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();

    public RunningJobs(String component) {
        this.component = component;
    }

    /** Runs {@code job} on {@code executor}; a job still running for the same workflow is cancelled first. */
    public void start(String workflowId, String step, Executor executor, Consumer<Cancellation> job) {
        Cancellation cancellation = new Cancellation();
        Cancellation previous = running.put(workflowId, cancellation);
        if (previous != null) {
            LOG.log(
                    Level.WARNING,
                    "{0}: workflow {1} asked for {2} while a job ran for it; that job is cancelled",
                    component,
                    workflowId,
                    step);
            previous.cancel();
        }
        try {
            executor.execute(() -> {
                try {
                    job.accept(cancellation);
                } finally {
                    running.remove(workflowId, cancellation);
                }
            });
        } catch (RuntimeException e) {
            running.remove(workflowId, cancellation);
            throw e;
        }
    }

    /** Stops the job of {@code workflowId}, if one runs here; returns whether one did. */
    public boolean cancel(String workflowId) {
        Cancellation cancellation = running.remove(workflowId);
        if (cancellation == null) {
            LOG.log(Level.INFO, "{0}: cancel for workflow {1}: no job of it runs on this node", component, workflowId);
            return false;
        }
        LOG.log(Level.INFO, "{0}: cancelling the job of workflow {1}", component, workflowId);
        cancellation.cancel();
        return true;
    }

    public boolean isRunning(String workflowId) {
        return running.containsKey(workflowId);
    }

    /** Cancels every job: the application is going away. */
    public void cancelAll() {
        running.values().forEach(Cancellation::cancel);
        running.clear();
    }
}
