package org.openaperture.buildlog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.InvalidRequestException;

class BuildLogTest {

    @Test
    void aBuilderMessageGivesTheWorkflowAndItsLinesInOrder() {
        BuildLog log = BuildLog.parse("{\"workflow_id\":\"w-1\",\"logs\":[\"Step 1/3\",\"Step 2/3\"]}");

        assertEquals(new BuildLog("w-1", List.of("Step 1/3", "Step 2/3")), log);
        assertEquals("build_log:w-1", log.topic());
        assertEquals("[\"Step 1/3\",\"Step 2/3\"]", log.logsJson().toString());
    }

    @Test
    void oneLineOrLinesThatAreNotStringsAreKept() {
        assertEquals(
                List.of("only"),
                BuildLog.parse("{\"workflow_id\":\"w\",\"logs\":\"only\"}").logs());
        assertEquals(
                List.of("42", "{\"a\":1}"),
                BuildLog.parse("{\"workflow_id\":\"w\",\"logs\":[42,{\"a\":1}]}")
                        .logs());
    }

    @Test
    void aMessageWithoutWorkflowOrLinesIsRefusedSayingWhatIsMissing() {
        assertEquals(
                "workflow_id",
                assertThrows(InvalidRequestException.class, () -> BuildLog.parse("{\"logs\":[]}"))
                        .field());
        assertEquals(
                "logs",
                assertThrows(InvalidRequestException.class, () -> BuildLog.parse("{\"workflow_id\":\"w\"}"))
                        .field());
        assertThrows(InvalidRequestException.class, () -> BuildLog.parse("not json"));
        assertThrows(InvalidRequestException.class, () -> BuildLog.parse("{\"workflow_id\":\" \",\"logs\":[]}"));
    }
}
