package org.openaperture.builder.application;

import java.util.List;

/**
 * Where an {@link ImageBuilder} sends the lines its build prints, a batch at a time. The Builder publishes each
 * batch as {@code {"workflow_id","logs":[...]}} to logical queue {@code build_logs} (components.md §4.4);
 * delivery is fire-and-forget, so an implementation never throws for a line it could not deliver.
 */
@FunctionalInterface
public interface BuildLogSink {
    void lines(String workflowId, List<String> lines);
}
