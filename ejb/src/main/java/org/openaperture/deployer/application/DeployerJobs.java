package org.openaperture.deployer.application;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaperture.deployer.application.DeployerMilestones.Completed;
import org.openaperture.deployer.application.DeployerMilestones.Failed;
import org.openaperture.deployer.application.DeployerMilestones.Outcome;
import org.openaperture.deployer.domain.DeployerNotifications;
import org.openaperture.system.application.UnhandledExceptionEvents;
import org.openaperture.worker.application.Cancellation;
import org.openaperture.worker.application.JobJournal;
import org.openaperture.worker.application.MilestoneMonitor;
import org.openaperture.worker.application.RunningJobs;
import org.openaperture.worker.domain.MilestoneCallback;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * The Deployer's running jobs, one per workflow, on the server's managed executor. A deploy and its monitor may
 * take half an hour, so the message is accepted and acknowledged at once and the job runs here; it ends in
 * exactly one callback to the orchestrator. A cancel stops the job between two steps or during a wait, and no
 * callback is sent: the orchestrator has already failed the workflow as cancelled. The instances the job
 * launched are stopped. While a job runs, the {@link MilestoneMonitor} sends the warnings of §4.5 as failure notifications.
 * The original Deployer sent the Builder's texts word for word; these name the Deployer ("Warning: Deployer
 * request running for N minutes ..."), so a chat room can tell which worker is slow.
 *
 * <p>Every accepted job is in the {@link JobJournal} until it ends or is cancelled. A node that stops
 * mid-job leaves it there, and when it starts again it {@link #resumeUnfinished() resumes} it: the milestone
 * runs again, replacing the instances (the target finds those the stopped node left running), and ends in the
 * one callback the orchestrator waits for.
 */
@ApplicationScoped
public class DeployerJobs {
    private static final Logger LOG = System.getLogger(DeployerJobs.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    DeployerMilestones milestones;

    @Inject
    DeployerCallbacks callbacks;

    @Inject
    UnhandledExceptionEvents unhandled;

    @Inject
    MilestoneMonitor monitor;

    @Inject
    JobJournal journal;

    /** Set when the application goes away: the jobs it stops are resumed by the next start, not ended. */
    private volatile boolean stopping;

    /** How the §4.5 warnings name the Deployer. */
    static final String COMPONENT_NAME = "Deployer";

    private final RunningJobs running = new RunningJobs(DeployerCallbacks.COMPONENT);

    /** Starts an accepted request's job, or stops the workflow's job for a cancel; nothing for a redelivery. */
    public void handle(Optional<MilestoneRequest> accepted) {
        accepted.ifPresent(request -> {
            if (request.cancel()) {
                running.cancel(request.workflowId());
                cancelled(request.workflowId());
            } else {
                start(request);
            }
        });
    }

    /** Journals {@code request}'s job, then starts it; when journaling fails, so does this call. */
    private void start(MilestoneRequest request) {
        journal.started(DeployerCallbacks.COMPONENT, request);
        running.start(request.workflowId(), request.step(), executor, cancellation -> {
            try {
                run(request, cancellation);
            } finally {
                // A cancelled job was ended by its cancel, or superseded by a newer job of the workflow, whose
                // journal entry this is now; a job the application stopped is resumed by the next start.
                if (!stopping && !cancellation.isCancelled()) {
                    ended(request);
                }
            }
        });
    }

    /** Resumes the jobs this node had accepted and not finished when it stopped; answers how many. */
    public int resumeUnfinished() {
        List<MilestoneRequest> unfinished = journal.unfinished(DeployerCallbacks.COMPONENT);
        for (MilestoneRequest request : unfinished) {
            LOG.log(
                    Level.WARNING,
                    "resuming the {0} job of workflow {1}, which this node had not finished when it stopped",
                    request.step(),
                    request.workflowId());
            start(request);
        }
        return unfinished.size();
    }

    private void cancelled(String workflowId) {
        try {
            journal.cancelled(DeployerCallbacks.COMPONENT, workflowId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the cancelled job of workflow {0} stays in the journal: {1}", workflowId, e);
        }
    }

    private void ended(MilestoneRequest request) {
        try {
            journal.ended(DeployerCallbacks.COMPONENT, request);
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
        Outcome outcome;
        try (MilestoneMonitor.Watch watch = monitor.watch(COMPONENT_NAME, request, cancellation, warning -> {
            if (!cancellation.isCancelled()) {
                notify(request, false, warning);
            }
        })) {
            outcome = milestones.run(
                    request,
                    (success, message) -> {
                        if (!cancellation.isCancelled()) {
                            notify(request, success, message);
                        }
                    },
                    cancellation);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the " + request.step() + " job of workflow " + request.workflowId() + " failed", e);
            outcome = new Failed(DeployerNotifications.DEPLOY_ERROR, e.toString(), List.of(), true);
        }
        if (cancellation.isCancelled()) {
            LOG.log(Level.INFO, "the {0} job of workflow {1} was cancelled", request.step(), request.workflowId());
            return;
        }
        JsonObject callback;
        String failureMessage = null;
        if (outcome instanceof Failed failed) {
            if (failed.unexpected()) {
                raise(request, failed);
            }
            callback = MilestoneCallback.failed(request, JsonValue.EMPTY_JSON_OBJECT, failed.events(), failed.reason());
            failureMessage = failed.message();
        } else {
            callback =
                    MilestoneCallback.completed(request, JsonValue.EMPTY_JSON_OBJECT, ((Completed) outcome).events());
        }
        try {
            callbacks.callBack(request, callback, failureMessage);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.ERROR,
                    "the outcome of the " + request.step() + " job of workflow " + request.workflowId()
                            + " could not be queued; the workflow waits until an operator retries or cancels it",
                    e);
        }
    }

    private void raise(MilestoneRequest request, Failed failed) {
        try {
            unhandled.raise(
                    DeployerCallbacks.COMPONENT,
                    "the " + request.step() + " milestone of workflow " + request.workflowId() + " failed: "
                            + failed.message() + ": " + failed.reason(),
                    Map.of());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not raise an unhandled_exception event: {0}", e.toString());
        }
    }

    private void notify(MilestoneRequest request, boolean success, String message) {
        try {
            callbacks.notify(request, success, message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a notification of workflow {0} was dropped: {1}", request.workflowId(), e);
        }
    }

    @PreDestroy
    void stopAll() {
        stopping = true;
        running.cancelAll();
    }
}
