package org.openaperture.worker.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openaperture.testing.Fields.inject;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openaperture.common.application.SecretCipher;
import org.openaperture.node.NodeConfig;
import org.openaperture.testing.MigratedH2;
import org.openaperture.testing.TestCiphers;
import org.openaperture.worker.domain.MilestoneRequest;

/** The job journal on the migrated schema: one row per component and workflow, read back per node. */
class JpaJobJournalTest {
    private final MigratedH2 db = new MigratedH2();

    @AfterEach
    void close() {
        db.close();
    }

    private final SecretCipher cipher = TestCiphers.withOneKey();

    private JpaJobJournal journalOf(String hostname) {
        JpaJobJournal journal = new JpaJobJournal();
        inject(journal, "em", db.em());
        inject(journal, "cipher", cipher);
        inject(journal, "node", new NodeConfig() {
            @Override
            public String hostname() {
                return hostname;
            }
        });
        return journal;
    }

    private static MilestoneRequest request(String workflowId, String step) {
        return MilestoneRequest.parse(
                "{\"id\":\"" + workflowId + "\",\"current_step\":\"" + step + "\",\"deployment_repo\":\"org/app\"}");
    }

    @Test
    void aStartedJobIsUnfinishedOnItsOwnNodeOnlyUntilItEnds() {
        JpaJobJournal a = journalOf("node-a");
        JpaJobJournal b = journalOf("node-b");
        db.tx(() -> {
            a.started("builder", request("wf-1", "config"));
            a.started("deployer", request("wf-2", "deploy"));
            return null;
        });

        List<MilestoneRequest> unfinished = db.tx(() -> a.unfinished("builder"));
        assertEquals(
                List.of("wf-1"),
                unfinished.stream().map(MilestoneRequest::workflowId).toList());
        assertEquals("org/app", unfinished.get(0).deploymentRepo(), "the whole request is kept");
        assertEquals(List.of(), db.tx(() -> b.unfinished("builder")), "another node's jobs are not its to resume");

        db.tx(() -> {
            a.ended("builder", request("wf-1", "config"));
            return null;
        });
        assertEquals(List.of(), db.tx(() -> a.unfinished("builder")));
        assertEquals(1, db.tx(() -> a.unfinished("deployer")).size());
    }

    @Test
    void theJournaledRequestIsSealedAtRestForItMayCarrySecrets() throws Exception {
        JpaJobJournal a = journalOf("node-a");
        MilestoneRequest withSecret = MilestoneRequest.parse("{\"id\":\"wf-3\",\"current_step\":\"deploy_ecs\","
                + "\"aws_config\":{\"secret_access_key\":\"aws-secret-in-journal\"}}");
        db.tx(() -> {
            a.started("deployer", withSecret);
            return null;
        });

        String stored;
        try (var rows = db.jdbc().createStatement().executeQuery("SELECT request, request_keyname FROM worker_jobs")) {
            rows.next();
            stored = rows.getString(1) + "|" + rows.getString(2);
        }
        assertFalse(stored.contains("aws-secret-in-journal"), stored);
        assertTrue(stored.endsWith("|test"), "sealed under the current key: " + stored);
        assertEquals(
                "aws-secret-in-journal",
                db.tx(() -> a.unfinished("deployer"))
                        .get(0)
                        .envelope()
                        .getJsonObject("aws_config")
                        .getString("secret_access_key"));
    }

    @Test
    void aJobThatEndsAfterItsOutcomeBroughtTheNextMilestoneLeavesThatMilestonesEntry() {
        JpaJobJournal a = journalOf("node-a");
        db.tx(() -> {
            a.started("builder", request("wf-1", "config"));
            // config's outcome went out; the orchestrator's build request arrived before config's job returned
            a.started("builder", request("wf-1", "build"));
            a.ended("builder", request("wf-1", "config"));
            return null;
        });
        assertEquals(
                List.of("build"),
                db.tx(() -> a.unfinished("builder")).stream()
                        .map(MilestoneRequest::step)
                        .toList());

        db.tx(() -> {
            a.cancelled("builder", "wf-1");
            return null;
        });
        assertEquals(List.of(), db.tx(() -> a.unfinished("builder")));
    }

    @Test
    void theNextMilestoneOfAWorkflowReplacesItsEntryAndAnotherNodeMayTakeItUp() {
        JpaJobJournal a = journalOf("node-a");
        JpaJobJournal b = journalOf("node-b");
        db.tx(() -> {
            a.started("builder", request("wf-1", "config"));
            return null;
        });
        db.tx(() -> {
            b.started("builder", request("wf-1", "build"));
            return null;
        });

        assertEquals(List.of(), db.tx(() -> a.unfinished("builder")));
        List<MilestoneRequest> onB = db.tx(() -> b.unfinished("builder"));
        assertEquals(List.of("build"), onB.stream().map(MilestoneRequest::step).toList());
    }
}
