package org.openaperture.worker.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.openaperture.common.domain.SealedSecret;

/**
 * A milestone job a worker node accepted and has not finished: the request it runs (the message, acknowledged
 * when the job started) and the node running it. At most one per component and workflow, as a worker runs.
 */
@Entity
@Table(name = "worker_jobs")
@IdClass(WorkerJob.Key.class)
@NamedQuery(
        name = WorkerJob.OF_NODE,
        query = "SELECT j FROM WorkerJob j WHERE j.node = :node AND j.component = :component ORDER BY j.startedAt")
@NamedQuery(
        name = WorkerJob.NOT_SEALED_WITH,
        query = "SELECT j FROM WorkerJob j WHERE j.requestKeyname IS NULL OR j.requestKeyname <> :keyId")
public class WorkerJob {
    public static final String OF_NODE = "WorkerJob.ofNode";
    public static final String NOT_SEALED_WITH = "WorkerJob.notSealedWith";

    /** The composite key: component and workflow. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String component;
        private String workflowId;

        public Key() {}

        public Key(String component, String workflowId) {
            this.component = component;
            this.workflowId = workflowId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that
                    && Objects.equals(component, that.component)
                    && Objects.equals(workflowId, that.workflowId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(component, workflowId);
        }
    }

    @Id
    @Column(nullable = false)
    private String component;

    @Id
    @Column(name = "workflow_id", nullable = false)
    private String workflowId;

    @Column(nullable = false)
    private String step;

    @Column(nullable = false)
    private String node;

    /** Sealed: a request may carry secrets ({@code aws_config}). */
    @Column(nullable = false)
    private String request;

    @Column(name = "request_keyname")
    private String requestKeyname;

    @Column(name = "started_at", nullable = false)
    private LocalDateTime startedAt;

    protected WorkerJob() {}

    public WorkerJob(String component, String workflowId, String step, String node, SealedSecret request) {
        this.component = Objects.requireNonNull(component, "component");
        this.workflowId = Objects.requireNonNull(workflowId, "workflowId");
        this.step = Objects.requireNonNull(step, "step");
        this.node = Objects.requireNonNull(node, "node");
        this.request = Objects.requireNonNull(request, "request").value();
        this.requestKeyname = request.keyId();
        this.startedAt = LocalDateTime.now(ZoneOffset.UTC);
    }

    /** The same job taken up again, by {@code node}, for {@code step} of {@code request}. */
    public void restart(String step, String node, SealedSecret request) {
        this.step = step;
        this.node = node;
        this.request = request.value();
        this.requestKeyname = request.keyId();
        this.startedAt = LocalDateTime.now(ZoneOffset.UTC);
    }

    public String workflowId() {
        return workflowId;
    }

    public String step() {
        return step;
    }

    /** The request sealed again, under another key. */
    public void reseal(SealedSecret request) {
        this.request = request.value();
        this.requestKeyname = request.keyId();
    }

    /** The request message's body, as the worker received it, sealed. */
    public SealedSecret request() {
        return new SealedSecret(requestKeyname, request);
    }
}
