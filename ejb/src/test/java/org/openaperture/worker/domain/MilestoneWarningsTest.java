package org.openaperture.worker.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.worker.domain.MilestoneWarnings.Due;
import org.openaperture.worker.domain.MilestoneWarnings.Warned;

/**
 * components.md §4.5: the MilestoneMonitor warns every 25 minutes of workflow time and every 15 minutes in the
 * current milestone, with failure notifications, and never stops the milestone. §10.2 and §10.3 list no
 * MilestoneMonitor tests of the original, so the cases here follow the text of §4.5.
 */
class MilestoneWarningsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final MilestoneWarnings builder =
            new MilestoneWarnings("Builder", Duration.ofMinutes(25), Duration.ofMinutes(15));

    private static Instant at(int minutes, int seconds) {
        return T0.plusSeconds(minutes * 60L + seconds);
    }

    private static Instant at(int minutes) {
        return at(minutes, 0);
    }

    @Test
    @DisplayName("nothing is due in the first 15 minutes")
    void nothingEarly() {
        Warned warned = builder.start(T0, "build", T0);
        Due due = builder.due(T0, "build", T0, at(14, 59), warned);
        assertEquals(List.of(), due.messages());
        assertEquals(warned, due.warned());
    }

    @Test
    @DisplayName("every 15 minutes in the current milestone: the milestone warning with the total workflow time")
    void milestoneWarningEvery15Minutes() {
        Instant workflowStart = at(-3);
        Warned warned = builder.start(workflowStart, "build", T0);
        Due at15 = builder.due(workflowStart, "build", T0, at(15, 5), warned);
        assertEquals(
                List.of("Warning: Builder request build milestone running for 15 minutes."
                        + " Total workflow duration: 18 minutes."),
                at15.messages());
        assertEquals(
                List.of(),
                builder.due(workflowStart, "build", T0, at(16), at15.warned()).messages());
        assertEquals(
                List.of(
                        "Warning: Builder request running for 33 minutes (current milestone: build)",
                        "Warning: Builder request build milestone running for 30 minutes."
                                + " Total workflow duration: 33 minutes."),
                builder.due(workflowStart, "build", T0, at(30), at15.warned()).messages(),
                "at minute 30 of the milestone the workflow is past its first 25 minutes too");
    }

    @Test
    @DisplayName("every 25 minutes of workflow time: the workflow warning naming the current milestone")
    void workflowWarningEvery25Minutes() {
        Instant workflowStart = at(-20);
        Instant stepStart = at(-20);
        Warned warned = builder.start(workflowStart, "config", T0);
        // 20 minutes in: the milestone warning of minute 15 was an earlier check's; say it was sent
        warned = builder.due(workflowStart, "config", stepStart, T0, warned).warned();
        Due at25 = builder.due(workflowStart, "config", stepStart, at(5), warned);
        assertEquals(
                List.of("Warning: Builder request running for 25 minutes (current milestone: config)"),
                at25.messages());
        Due at50 = builder.due(workflowStart, "config", stepStart, at(30), at25.warned());
        assertEquals(
                List.of(
                        "Warning: Builder request running for 50 minutes (current milestone: config)",
                        "Warning: Builder request config milestone running for 50 minutes."
                                + " Total workflow duration: 50 minutes."),
                at50.messages(),
                "at minute 50 both are due; the milestone one covers minute 45, which no check saw");
    }

    @Test
    @DisplayName("a late check sends one warning with the minutes as they are, not one per missed period")
    void oneWarningForMissedPeriods() {
        Warned warned = builder.start(T0, "build", T0);
        Due late = builder.due(T0, "build", T0, at(61), warned);
        assertEquals(
                List.of(
                        "Warning: Builder request running for 61 minutes (current milestone: build)",
                        "Warning: Builder request build milestone running for 61 minutes."
                                + " Total workflow duration: 61 minutes."),
                late.messages());
        assertEquals(new Warned(2, "build", 4), late.warned());
        assertEquals(
                List.of(), builder.due(T0, "build", T0, at(74), late.warned()).messages());
    }

    @Test
    @DisplayName("workflow periods that passed before this worker took the milestone are not warned again")
    void earlierPeriodsBelongToEarlierMilestones() {
        Instant workflowStart = at(-40);
        Warned warned = builder.start(workflowStart, "deploy", T0);
        assertEquals(new Warned(1, "deploy", 0), warned);
        assertEquals(
                List.of(),
                builder.due(workflowStart, "deploy", T0, at(9), warned).messages());
        assertEquals(
                List.of("Warning: Builder request running for 50 minutes (current milestone: deploy)"),
                builder.due(workflowStart, "deploy", T0, at(10), warned).messages());
    }

    @Test
    @DisplayName("a new milestone starts its own 15-minute count")
    void anotherMilestoneCountsAgain() {
        Warned inConfig = builder.due(T0, "config", T0, at(16), builder.start(T0, "config", T0))
                .warned();
        assertEquals(new Warned(0, "config", 1), inConfig);
        Instant buildStart = at(17);
        Due at31 = builder.due(T0, "build", buildStart, at(31), inConfig);
        assertEquals(
                List.of("Warning: Builder request running for 31 minutes (current milestone: build)"),
                at31.messages(),
                "14 minutes in build: only the workflow warning");
        assertEquals(
                List.of("Warning: Builder request build milestone running for 15 minutes."
                        + " Total workflow duration: 32 minutes."),
                builder.due(T0, "build", buildStart, at(32), at31.warned()).messages());
    }

    @Test
    @DisplayName("the Deployer's texts name the Deployer (the original copied the Builder's)")
    void deployerTexts() {
        MilestoneWarnings deployer = new MilestoneWarnings("Deployer", Duration.ofMinutes(25), Duration.ofMinutes(15));
        assertEquals(
                List.of(
                        "Warning: Deployer request running for 25 minutes (current milestone: deploy)",
                        "Warning: Deployer request deploy milestone running for 25 minutes."
                                + " Total workflow duration: 25 minutes."),
                deployer.due(T0, "deploy", T0, at(25), deployer.start(T0, "deploy", T0))
                        .messages());
    }

    @Test
    @DisplayName("no start time, a clock behind the start, or a period of zero: nothing is due")
    void nothingWithoutAStart() {
        Warned none = new Warned(0, "build", 0);
        assertEquals(List.of(), builder.due(null, "build", null, at(500), none).messages());
        assertEquals(List.of(), builder.due(at(10), "build", at(10), T0, none).messages());
        MilestoneWarnings off = new MilestoneWarnings("Builder", Duration.ZERO, Duration.ZERO);
        assertEquals(List.of(), off.due(T0, "build", T0, at(500), none).messages());
    }
}
