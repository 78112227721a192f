package org.openaperture.deployer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.deployer.domain.UnitStatusRules.Verdict;

/** components.md §10.3 Monitor.verify_unit_status, on the rules of §5.4. */
class UnitStatusRulesTest {

    private static UnitState unit(String currentState, String active, String sub) {
        return new UnitState("app@0.service", "m1", "launched", currentState, "loaded", active, sub);
    }

    @Test
    @DisplayName("verify_unit_status: launched, loaded, inactive or unknown launch state + active → completed")
    void verifyUnitStatusActiveIsCompletedWhateverTheLaunchState() {
        for (String launch : new String[] {"launched", "loaded", "inactive", "something", null}) {
            assertEquals(Verdict.COMPLETED, UnitStatusRules.classify(unit(launch, "active", "running")), launch);
        }
    }

    @Test
    @DisplayName("verify_unit_status: launched + activating → remaining")
    void verifyUnitStatusActivatingRemains() {
        assertEquals(Verdict.DEPLOYING, UnitStatusRules.classify(unit("launched", "activating", "start")));
    }

    @Test
    @DisplayName("verify_unit_status: launched + active state nil → remaining")
    void verifyUnitStatusNoActiveStateRemains() {
        assertEquals(Verdict.DEPLOYING, UnitStatusRules.classify(unit("launched", null, null)));
        assertEquals(Verdict.DEPLOYING, UnitStatusRules.classify(null), "not reported yet");
    }

    @Test
    @DisplayName("verify_unit_status: launched + unknown active state → failed")
    void verifyUnitStatusUnknownActiveStateFails() {
        assertEquals(Verdict.FAILED, UnitStatusRules.classify(unit("launched", "inactive", "dead")));
        assertEquals(Verdict.FAILED, UnitStatusRules.classify(unit("launched", "reloading", "whatever")));
    }

    @Test
    @DisplayName("verify_unit_status: launched + sub-state failed → re-checked, failed after 3 re-checks")
    void verifyUnitStatusSubStateFailedFailsAfterRetries() {
        UnitState failed = unit("launched", "failed", "failed");
        assertEquals(Verdict.RECHECK, UnitStatusRules.classify(failed));
        assertEquals(Verdict.RECHECK, UnitStatusRules.afterRecheck(failed, 1));
        assertEquals(Verdict.RECHECK, UnitStatusRules.afterRecheck(failed, 2));
        assertEquals(Verdict.FAILED, UnitStatusRules.afterRecheck(failed, UnitStatusRules.FAILED_RECHECKS));
        assertEquals(
                Verdict.COMPLETED,
                UnitStatusRules.afterRecheck(unit("launched", "active", "running"), 1),
                "a unit that came up meanwhile");
    }
}
