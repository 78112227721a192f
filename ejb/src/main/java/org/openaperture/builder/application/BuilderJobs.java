package org.openaperture.builder.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import org.openaperture.worker.application.Cancellation;
import org.openaperture.worker.application.JobJournal;
import org.openaperture.worker.application.MilestoneFailedException;
import org.openaperture.worker.application.MilestoneMonitor;
import org.openaperture.worker.application.RunningJobs;
import org.openaperture.worker.domain.MilestoneCallback;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * The Builder's running jobs, one per workflow, on the server's managed executor: a request is accepted and its
 * message acknowledged at once, the milestones run here, and the result goes back to the orchestrator as a new
 * message. A cancel stops the workflow's job (its processes are killed) and no callback is sent: the
 * orchestrator has already failed the workflow as cancelled and would ignore one. While a job runs, the
 * {@link MilestoneMonitor} sends the warnings of §4.5 ("Warning: Builder request running for N minutes ...") as
 * failure notifications; there is no hard timeout beyond the build command's own.
 *
 * <p>Every accepted job is in the {@link JobJournal} until it ends or is cancelled. A node that stops
 * mid-job (shut down, or killed) leaves it there; when the node starts again it {@link #resumeUnfinished()
 * resumes} it: the build's processes that outlived the node are killed and the milestone runs again from the
 * start, ending in the one callback the orchestrator waits for.
 */
@ApplicationScoped
public class BuilderJobs {
    private static final Logger LOG = System.getLogger(BuilderJobs.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    BuilderMilestones milestones;

    @Inject
    BuilderCallbacks callbacks;

    @Inject
    MilestoneMonitor monitor;

    @Inject
    JobJournal journal;

    /** Set when the application goes away: the jobs it stops are resumed by the next start, not ended. */
    private volatile boolean stopping;

    /** How the §4.5 warnings name the Builder. */
    static final String COMPONENT_NAME = "Builder";

    private final RunningJobs running = new RunningJobs(BuilderRequests.CONSUMER);

    /**
     * Starts {@code request}'s milestones; a job still running for the same workflow is cancelled first. The job
     * is journaled before it starts: when that fails, so does this call, and the request is not acknowledged.
     */
    public void start(MilestoneRequest request) {
        journal.started(BuilderRequests.CONSUMER, request);
        running.start(request.workflowId(), request.step(), executor, cancellation -> {
            try {
                run(request, cancellation);
            } finally {
                // A cancelled job was ended by cancel(), or superseded by a newer job of the workflow, whose
                // journal entry this is now; a job the application stopped is resumed by the next start.
                if (!stopping && !cancellation.isCancelled()) {
                    ended(request);
                }
            }
        });
    }

    /** Stops the job of {@code workflowId}, if one runs here; returns whether one did. Either way none resumes. */
    public boolean cancel(String workflowId) {
        boolean wasRunning = running.cancel(workflowId);
        cancelled(workflowId);
        return wasRunning;
    }

    /**
     * Resumes the jobs this node had accepted and not finished when it stopped: what their builds left running
     * is killed, and each milestone runs again. Answers how many.
     */
    public int resumeUnfinished() {
        List<MilestoneRequest> unfinished = journal.unfinished(BuilderRequests.CONSUMER);
        for (MilestoneRequest request : unfinished) {
            int killed = milestones.stopLeftovers(request.workflowId());
            LOG.log(
                    Level.WARNING,
                    "resuming the {0} job of workflow {1}, which this node had not finished when it stopped{2}",
                    request.step(),
                    request.workflowId(),
                    killed == 0 ? "" : "; killed " + killed + " process(es) its build left running");
            start(request);
        }
        return unfinished.size();
    }

    private void cancelled(String workflowId) {
        try {
            journal.cancelled(BuilderRequests.CONSUMER, workflowId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the cancelled job of workflow {0} stays in the journal: {1}", workflowId, e);
        }
    }

    private void ended(MilestoneRequest request) {
        try {
            journal.ended(BuilderRequests.CONSUMER, request);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "the job of workflow {0} ended but stays in the journal ({1}); the next start resumes it",
                    request.workflowId(),
                    e.toString());
        }
    }

    public boolean isRunning(String workflowId) {
        return running.isRunning(workflowId);
    }

    private void run(MilestoneRequest request, Cancellation cancellation) {
        Long logExchange = request.buildLogExchangeId();
        BuildLogSink logs = (workflowId, lines) -> {
            if (logExchange == null) {
                return;
            }
            try {
                callbacks.buildLog(logExchange, workflowId, lines);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "build log lines of workflow {0} were dropped: {1}", workflowId, e.toString());
            }
        };
        try (MilestoneMonitor.Watch watch = monitor.watch(COMPONENT_NAME, request, cancellation, warning -> {
            try {
                callbacks.notify(request, false, warning);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a warning of workflow {0} was dropped: {1}", request.workflowId(), e);
            }
        })) {
            BuilderMilestones.Result result = milestones.run(request, logs, cancellation);
            report(request, cancellation, () -> MilestoneCallback.completed(request, result.fields(), result.events()));
        } catch (MilestoneFailedException e) {
            if (e.getCause() != null) {
                // A library's failure (git, the image builder): the log keeps its cause for the operator.
                LOG.log(
                        Level.WARNING,
                        "the " + request.step() + " job of workflow " + request.workflowId() + " failed: "
                                + e.getMessage(),
                        e);
            }
            report(
                    request,
                    cancellation,
                    () -> MilestoneCallback.failed(
                            request, JSON.createObjectBuilder().build(), List.of(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the " + request.step() + " job of workflow " + request.workflowId() + " failed", e);
            report(
                    request,
                    cancellation,
                    () -> MilestoneCallback.failed(
                            request,
                            JSON.createObjectBuilder().build(),
                            List.of(),
                            "An unexpected error occurred executing build request: " + e));
        }
    }

    private void report(
            MilestoneRequest request,
            Cancellation cancellation,
            java.util.function.Supplier<jakarta.json.JsonObject> callback) {
        if (cancellation.isCancelled()) {
            LOG.log(
                    Level.INFO,
                    "the {0} job of workflow {1} was cancelled; no callback",
                    request.step(),
                    request.workflowId());
            return;
        }
        try {
            callbacks.callBack(request, callback.get());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.ERROR,
                    "the result of the " + request.step() + " job of workflow " + request.workflowId()
                            + " could not be queued; the workflow waits until an operator retries or cancels it",
                    e);
        }
    }

    @PreDestroy
    void stopAll() {
        stopping = true;
        running.cancelAll();
    }
}
