package org.openaperture.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openaperture.worker.application.JobJournal;
import org.openaperture.worker.domain.MilestoneRequest;

/** A job journal in memory, for the workers' unit tests; {@code JpaJobJournalTest} covers the real one. */
public final class InMemoryJobJournal implements JobJournal {
    private final Map<String, MilestoneRequest> jobs = new LinkedHashMap<>();

    @Override
    public synchronized void started(String component, MilestoneRequest request) {
        jobs.put(component + "/" + request.workflowId(), request);
    }

    @Override
    public synchronized void ended(String component, MilestoneRequest request) {
        jobs.remove(component + "/" + request.workflowId(), request);
    }

    @Override
    public synchronized void cancelled(String component, String workflowId) {
        jobs.remove(component + "/" + workflowId);
    }

    @Override
    public synchronized List<MilestoneRequest> unfinished(String component) {
        List<MilestoneRequest> found = new ArrayList<>();
        jobs.forEach((key, request) -> {
            if (key.startsWith(component + "/")) {
                found.add(request);
            }
        });
        return found;
    }

    /** The workflows with a journaled job of {@code component}. */
    @Override
    public int reencrypt() {
        return 0; // nothing is sealed in memory
    }

    public synchronized List<String> workflows(String component) {
        return unfinished(component).stream().map(MilestoneRequest::workflowId).toList();
    }
}
