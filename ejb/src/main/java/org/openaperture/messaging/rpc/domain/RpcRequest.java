package org.openaperture.messaging.rpc.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Objects;
import org.openaperture.common.domain.TimestampedEntity;

/**
 * A request to a remote component (the FleetManager) kept in the Manager's database: the requester polls
 * its status, the responder writes the response. Bodies are JSON text.
 */
@Entity
@Table(name = "messaging_rpc_requests")
@NamedQuery(name = RpcRequest.ALL, query = "SELECT r FROM RpcRequest r ORDER BY r.id")
@NamedQuery(name = RpcRequest.DELETE_OLDER_THAN, query = "DELETE FROM RpcRequest r WHERE r.insertedAt < :before")
@NamedQuery(
        name = RpcRequest.ANSWER,
        query = "UPDATE RpcRequest r SET r.status = :status, r.responseBody = :response, r.updatedAt = :now"
                + " WHERE r.id = :id AND r.status NOT IN :answered")
public class RpcRequest extends TimestampedEntity {
    public static final String KIND = "MessagingRpcRequest";
    public static final String ALL = "RpcRequest.all";
    public static final String DELETE_OLDER_THAN = "RpcRequest.deleteOlderThan";
    /** The responder's write: only a request that is still there and not answered yet takes an answer. */
    public static final String ANSWER = "RpcRequest.answer";

    @Id
    @SequenceGenerator(name = "rpc_request_seq", sequenceName = "messaging_rpc_requests_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rpc_request_seq")
    private Long id;

    @Column(nullable = false)
    private String status;

    @Column(name = "request_body")
    private String requestBody;

    @Column(name = "response_body")
    private String responseBody;

    protected RpcRequest() {}

    public RpcRequest(String status, String requestBody, String responseBody) {
        replace(status, requestBody, responseBody);
    }

    /** A full replacement, as the original's update: a body not given becomes null. */
    public void replace(String status, String requestBody, String responseBody) {
        this.status = Objects.requireNonNull(status, "status");
        this.requestBody = requestBody;
        this.responseBody = responseBody;
    }

    public Long id() {
        return id;
    }

    public String status() {
        return status;
    }

    public String requestBody() {
        return requestBody;
    }

    public String responseBody() {
        return responseBody;
    }

    /**
     * The status as the RPC rules know it; a status they do not know (the REST API stores any text) counts as
     * still in progress.
     */
    public RpcStatus rpcStatus() {
        return RpcStatus.of(status).orElse(RpcStatus.IN_PROGRESS);
    }

    /** For the hourly cleanup: whether the request is older than the given moment. */
    public boolean insertedBefore(LocalDateTime moment) {
        return insertedAt().isBefore(moment);
    }
}
