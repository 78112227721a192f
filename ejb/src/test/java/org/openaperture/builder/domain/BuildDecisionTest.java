package org.openaperture.builder.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** components.md §10.2 create_docker_image: with and without force_build. */
class BuildDecisionTest {

    @Test
    void forceBuildBuildsWithoutAskingTheRegistry() {
        BuildDecision d = BuildDecision.decide(true, () -> {
            throw new AssertionError("the registry must not be asked");
        });
        assertEquals(BuildDecision.FORCED, d);
        assertTrue(d.builds());
    }

    @Test
    void noForcePullFailsSoBuild() {
        assertEquals(BuildDecision.MISSING, BuildDecision.decide(false, () -> false));
        assertTrue(BuildDecision.MISSING.builds());
    }

    @Test
    void noForcePullSucceedsSoNoBuildAndImageFound() {
        assertEquals(BuildDecision.EXISTS, BuildDecision.decide(false, () -> true));
        assertFalse(BuildDecision.EXISTS.builds());
    }
}
