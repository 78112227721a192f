package org.openaperture.deployer.domain;

/**
 * How the monitor reads one unit's state (components.md §5.4, step 3): the only place these rules live. The
 * launch state ({@code currentState}) is only logged; the systemd active state decides.
 */
public final class UnitStatusRules {

    /** How often a unit whose sub-state is {@code failed} is read again before it counts as failed. */
    public static final int FAILED_RECHECKS = 3;

    /** What the monitor makes of a unit. */
    public enum Verdict {
        /** {@code active}: the unit runs. */
        COMPLETED,
        /** {@code activating}, or no active state yet: look again on the next round. */
        DEPLOYING,
        /** Sub-state {@code failed}: read it again up to {@link #FAILED_RECHECKS} times before it counts as failed. */
        RECHECK,
        /** Anything else ({@code inactive}/{@code dead}, ...). */
        FAILED
    }

    private UnitStatusRules() {}

    /** @param state the unit as the target last reported it; null when it reported nothing of it yet */
    public static Verdict classify(UnitState state) {
        if (state == null) {
            return Verdict.DEPLOYING;
        }
        String active = state.activeState();
        if ("active".equals(active)) {
            return Verdict.COMPLETED;
        }
        if (active == null || "activating".equals(active)) {
            return Verdict.DEPLOYING;
        }
        if ("failed".equals(state.subState())) {
            return Verdict.RECHECK;
        }
        return Verdict.FAILED;
    }

    /** The verdict after a re-check: a unit that still reads {@code failed} has failed; others as {@link #classify}. */
    public static Verdict afterRecheck(UnitState state, int recheck) {
        Verdict verdict = classify(state);
        return verdict == Verdict.RECHECK && recheck >= FAILED_RECHECKS ? Verdict.FAILED : verdict;
    }
}
