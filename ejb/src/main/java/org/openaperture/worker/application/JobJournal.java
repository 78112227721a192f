package org.openaperture.worker.application;

import java.util.List;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * The journal of the milestone jobs this node's workers accepted: written when a job starts, removed when it
 * ends or is cancelled, read when the node starts again to resume what it had not finished. A job's request
 * message is acknowledged once the job started, so this is the only record of it.
 */
public interface JobJournal {

    /** Records that this node runs {@code request}'s milestone for {@code component}. */
    void started(String component, MilestoneRequest request);

    /**
     * {@code request}'s job ended: its outcome is queued. The workflow's entry goes only if it is still this
     * job's: the outcome may already have brought the workflow's next milestone here, and its entry stays.
     */
    void ended(String component, MilestoneRequest request);

    /** The workflow was cancelled: whatever job of it was journaled is not to be resumed. */
    void cancelled(String component, String workflowId);

    /** The jobs of {@code component} this node accepted and did not finish, oldest first. */
    List<MilestoneRequest> unfinished(String component);

    /** Seals every journaled request not under the current key with it, after a key rotation; answers how many. */
    int reencrypt();
}
