package org.openaperture.worker.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The warnings of the MilestoneMonitor (components.md §4.5), as a rule with no clock and no thread: given when the
 * workflow and the current milestone started, the time now and what was already warned, which failure (red)
 * notifications are due.
 *
 * <ul>
 *   <li>every {@code workflowEvery} (25 minutes) of total workflow time: "Warning: Builder request running for N
 *       minutes (current milestone: X)";
 *   <li>every {@code milestoneEvery} (15 minutes) in the current milestone: "Warning: Builder request X milestone
 *       running for N minutes. Total workflow duration: M minutes."
 * </ul>
 *
 * <p>The original Deployer sent the Builder's texts word for word (they were copied). Here the texts name the
 * component that sends them ({@code Builder} or {@code Deployer}), so a chat room can tell which worker is slow;
 * the Builder's texts are unchanged. §12 has no recommendation on this. N and M are whole minutes, rounded down.
 *
 * <p>Each period is warned once: a check that comes late (or the first check of a milestone that started long
 * ago) sends one warning with the minutes as they are, not one per missed period. Periods of workflow time that
 * passed before this worker took the milestone are not warned again ({@link #start}); they belonged to an earlier
 * milestone. There is no hard timeout (§4.5). A period of zero or less switches that warning off.
 */
public final class MilestoneWarnings {

    /**
     * How many periods were warned: {@code workflow} periods of workflow time, and {@code inMilestone} periods of
     * {@code milestone}. Another milestone starts its count at zero.
     */
    public record Warned(long workflow, String milestone, long inMilestone) {}

    /** The warnings to send now, and what has been warned once they are sent. */
    public record Due(List<String> messages, Warned warned) {
        public Due {
            messages = List.copyOf(messages);
        }
    }

    private final String component;
    private final Duration workflowEvery;
    private final Duration milestoneEvery;

    /**
     * @param component the worker named in the texts: {@code Builder} or {@code Deployer}
     * @param workflowEvery the period of the workflow warning; zero or less: none
     * @param milestoneEvery the period of the milestone warning; zero or less: none
     */
    public MilestoneWarnings(String component, Duration workflowEvery, Duration milestoneEvery) {
        this.component = Objects.requireNonNull(component, "component");
        this.workflowEvery = Objects.requireNonNull(workflowEvery, "workflowEvery");
        this.milestoneEvery = Objects.requireNonNull(milestoneEvery, "milestoneEvery");
    }

    /** What counts as already warned when a worker takes {@code milestone} at {@code now}. */
    public Warned start(Instant workflowStart, String milestone, Instant now) {
        return new Warned(periods(workflowStart, now, workflowEvery), milestone, 0);
    }

    /** The warnings due at {@code now}. A null start time counts as {@code now}: nothing is due for it. */
    public Due due(Instant workflowStart, String milestone, Instant milestoneStart, Instant now, Warned warned) {
        List<String> messages = new ArrayList<>();
        long workflowMinutes = minutes(workflowStart, now);
        long workflowPeriods = periods(workflowStart, now, workflowEvery);
        long warnedWorkflow = warned.workflow();
        if (workflowPeriods > warnedWorkflow) {
            messages.add(workflowWarning(workflowMinutes, milestone));
            warnedWorkflow = workflowPeriods;
        }
        long warnedMilestone = Objects.equals(milestone, warned.milestone()) ? warned.inMilestone() : 0;
        long milestonePeriods = periods(milestoneStart, now, milestoneEvery);
        if (milestonePeriods > warnedMilestone) {
            messages.add(milestoneWarning(milestone, minutes(milestoneStart, now), workflowMinutes));
            warnedMilestone = milestonePeriods;
        }
        return new Due(messages, new Warned(warnedWorkflow, milestone, warnedMilestone));
    }

    public String workflowWarning(long minutes, String milestone) {
        return "Warning: " + component + " request running for " + minutes + " minutes (current milestone: " + milestone
                + ")";
    }

    public String milestoneWarning(String milestone, long minutes, long workflowMinutes) {
        return "Warning: " + component + " request " + milestone + " milestone running for " + minutes
                + " minutes. Total workflow duration: " + workflowMinutes + " minutes.";
    }

    private static long periods(Instant start, Instant now, Duration every) {
        if (start == null || every.isZero() || every.isNegative() || now.isBefore(start)) {
            return 0;
        }
        return Duration.between(start, now).toMillis() / every.toMillis();
    }

    private static long minutes(Instant start, Instant now) {
        return start == null || now.isBefore(start)
                ? 0
                : Duration.between(start, now).toMinutes();
    }
}
