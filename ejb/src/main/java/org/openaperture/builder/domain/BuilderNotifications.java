package org.openaperture.builder.domain;

import jakarta.json.JsonObject;
import org.openaperture.worker.domain.MilestoneRequest;
import org.openaperture.worker.domain.WorkerNotifications;

/** What the Builder says in chat (components.md §4.2, §1.8), in the shape of {@link WorkerNotifications}. */
public final class BuilderNotifications {
    public static final String FAILED = "Milestone has failed";

    private BuilderNotifications() {}

    /** §4.2: the first thing the Builder says about a request. */
    public static JsonObject accepted(MilestoneRequest request, String hostname) {
        return WorkerNotifications.chat(
                request, true, "Build/Config request is being processed by Builder " + hostname);
    }

    /** §1.8 step_failed: the failure notification. */
    public static JsonObject failed(MilestoneRequest request) {
        return WorkerNotifications.chat(request, false, FAILED);
    }
}
