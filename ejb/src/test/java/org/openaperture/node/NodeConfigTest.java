package org.openaperture.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The components a node runs and the module names they are registered under. */
class NodeConfigTest {

    @Test
    void componentsAreCommaSeparatedTrimmedAndNotRepeated() {
        assertEquals(List.of("manager", "overseer"), NodeConfig.parseComponents(" manager, overseer ,,manager"));
        assertEquals(List.of(), NodeConfig.parseComponents(""));
    }

    @Test
    void eachComponentIsItsOwnModule() {
        assertEquals("node-1:builder", NodeConfig.moduleHostname("node-1", "builder"));
    }
}
