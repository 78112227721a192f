package org.openaperture.worker.application;

import java.util.List;
import org.openaperture.common.domain.MilestoneRequest;

/**
 * The journal of the milestone jobs this node's workers accepted: written when a job starts, removed when it
 * ends or is cancelled, read when the node starts again to resume what it had not finished. A job's request
 * message is acknowledged once the job started, so this is the only record of it.
 */
public interface JobJournal {

    /** Records that this node runs {@code request}'s milestone for {@code component}. */
    void started(String component, MilestoneRequest request);

    /** The job of {@code workflowId} ended (its outcome is queued) or was cancelled: nothing to resume. */
    void ended(String component, String workflowId);

    /** The jobs of {@code component} this node accepted and did not finish, oldest first. */
    List<MilestoneRequest> unfinished(String component);
}
