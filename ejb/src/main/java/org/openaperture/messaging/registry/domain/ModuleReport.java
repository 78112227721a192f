package org.openaperture.messaging.registry.domain;

import java.util.Objects;

/** What a module says about itself when it registers or sends a heartbeat. */
public record ModuleReport(
        String hostname,
        String type,
        String status,
        String workloadJson,
        String sourceRepo,
        String sourceRepoGitRef,
        String deploymentRepo,
        String deploymentRepoGitRef) {

    public ModuleReport {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        workloadJson = workloadJson == null ? "[]" : workloadJson;
    }
}
