package org.openaperture.worker.application;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openaperture.worker.domain.MilestoneRequest;
import org.openaperture.worker.domain.MilestoneWarnings;
import org.openaperture.worker.domain.MilestoneWarnings.Warned;

/**
 * The MilestoneMonitor of components.md §4.5, shared by the Builder and the Deployer: while a job runs, a check on
 * the server's scheduled executor (no thread of its own per job) sends the warnings {@link MilestoneWarnings}
 * says are due. The workflow's start is the envelope's {@code workflow_start_time} and the milestone's is its
 * {@code step_time} (§1.7); a request without them counts from when the job started here. The check stops when
 * the job ends ({@link Watch#close()}) or is cancelled.
 */
public final class MilestoneMonitor {
    private static final Logger LOG = System.getLogger(MilestoneMonitor.class.getName());

    /** One job's checks; closing it stops them. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    private final ScheduledExecutorService scheduler;
    private final Duration workflowEvery;
    private final Duration milestoneEvery;
    private final Duration checkEvery;
    private final Clock clock;

    /**
     * @param workflowEvery the period of the workflow warning (§4.5: 25 minutes); zero: none
     * @param milestoneEvery the period of the milestone warning (§4.5: 15 minutes); zero: none
     * @param checkEvery how often a running job is checked (the original polled every 10 s)
     */
    public MilestoneMonitor(
            ScheduledExecutorService scheduler,
            Duration workflowEvery,
            Duration milestoneEvery,
            Duration checkEvery,
            Clock clock) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.workflowEvery = Objects.requireNonNull(workflowEvery, "workflowEvery");
        this.milestoneEvery = Objects.requireNonNull(milestoneEvery, "milestoneEvery");
        this.checkEvery = Objects.requireNonNull(checkEvery, "checkEvery");
        if (checkEvery.isZero() || checkEvery.isNegative()) {
            throw new IllegalArgumentException("the check interval must be longer than zero, not " + checkEvery);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Duration workflowEvery() {
        return workflowEvery;
    }

    public Duration milestoneEvery() {
        return milestoneEvery;
    }

    public Duration checkEvery() {
        return checkEvery;
    }

    /**
     * Watches the job of {@code request} until the returned watch is closed or {@code cancellation} fires.
     *
     * @param component the worker named in the warnings ({@code Builder}, {@code Deployer})
     * @param warn sends one warning as a failure notification; it is not called after a cancel
     */
    public Watch watch(String component, MilestoneRequest request, Cancellation cancellation, Consumer<String> warn) {
        boolean workflowOff = workflowEvery.isZero() || workflowEvery.isNegative();
        boolean milestoneOff = milestoneEvery.isZero() || milestoneEvery.isNegative();
        if (workflowOff && milestoneOff) {
            return () -> {};
        }
        MilestoneWarnings rule = new MilestoneWarnings(component, workflowEvery, milestoneEvery);
        Instant now = clock.instant();
        Instant workflowStart = instant(request, "workflow_start_time", now);
        Instant milestoneStart = instant(request, "step_time", now);
        String milestone = request.step();
        Warned[] warned = {rule.start(workflowStart, milestone, now)};
        long period = checkEvery.toMillis();
        ScheduledFuture<?> check;
        try {
            check = scheduler.scheduleWithFixedDelay(
                    () -> {
                        if (cancellation.isCancelled()) {
                            return;
                        }
                        try {
                            MilestoneWarnings.Due due =
                                    rule.due(workflowStart, milestone, milestoneStart, clock.instant(), warned[0]);
                            warned[0] = due.warned();
                            due.messages().forEach(warn);
                        } catch (RuntimeException e) {
                            // A failing check must not end the schedule: the next one tries again.
                            LOG.log(
                                    Level.WARNING,
                                    "the milestone warnings of workflow {0} could not be sent: {1}",
                                    request.workflowId(),
                                    e.toString());
                        }
                    },
                    period,
                    period,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The warnings are advice: a job runs on without them rather than fail.
            LOG.log(
                    Level.WARNING,
                    "no milestone warnings for workflow {0}: the scheduler refused the check: {1}",
                    request.workflowId(),
                    e.toString());
            return () -> {};
        }
        AutoCloseable unhook = cancellation.onCancel(() -> check.cancel(false));
        return () -> {
            check.cancel(false);
            try {
                unhook.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "unhooking a milestone watch: {0}", e.toString());
            }
        };
    }

    /** An instant of the envelope: ISO-8601 (as the orchestrator sends it) or RFC 1123; else {@code fallback}. */
    static Instant instant(MilestoneRequest request, String field, Instant fallback) {
        String text = request.field(field);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.strip();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException e2) {
                LOG.log(
                        Level.DEBUG,
                        "{0} of workflow {1} is not a time ({2}); counting from now",
                        field,
                        request.workflowId(),
                        t);
                return fallback;
            }
        }
    }
}
