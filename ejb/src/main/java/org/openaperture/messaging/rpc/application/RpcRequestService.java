package org.openaperture.messaging.rpc.application;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.rpc.domain.RpcMessage;
import org.openaperture.messaging.rpc.domain.RpcRequest;
import org.openaperture.messaging.rpc.domain.RpcStatus;

/** RPC requests as rows: created by a requester, answered by the responder, read back by the requester. */
@Stateless
@LocalBean
public class RpcRequestService implements RpcRequestStore {
    /** Another node (or the REST API) may have answered: read the row, not this node's cache of it. */
    private static final Map<String, Object> FROM_DATABASE =
            Map.of("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS);

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    @Inject
    Outbox outbox;

    public List<RpcRequest> list() {
        return em.createNamedQuery(RpcRequest.ALL, RpcRequest.class).getResultList();
    }

    public RpcRequest get(long id) {
        RpcRequest request = em.find(RpcRequest.class, id);
        if (request == null) {
            throw new UnknownEntityException(RpcRequest.KIND, id);
        }
        return request;
    }

    public RpcRequest create(String status, String requestBodyJson, String responseBodyJson) {
        RpcRequest request = new RpcRequest(status, requestBodyJson, responseBodyJson);
        em.persist(request);
        em.flush();
        return request;
    }

    public RpcRequest replace(long id, String status, String requestBodyJson, String responseBodyJson) {
        RpcRequest request = get(id);
        request.replace(status, requestBodyJson, responseBodyJson);
        em.flush();
        return request;
    }

    public void delete(long id) {
        em.remove(get(id));
    }

    @Override
    public long open(long exchangeId, String queue, JsonValue requestBody) {
        RpcRequest request = create(RpcStatus.NOT_STARTED.wire(), JsonText.write(requestBody), null);
        outbox.enqueue(
                exchangeId,
                queue,
                queue + ".rpc_request",
                RpcMessage.request(request.id(), requestBody, queue).toJson());
        return request.id();
    }

    @Override
    public Optional<Answer> read(long id) {
        return Optional.ofNullable(em.find(RpcRequest.class, id, FROM_DATABASE))
                .map(r -> new Answer(r.rpcStatus(), orNull(JsonText.read(r.responseBody()))));
    }

    @Override
    public boolean answer(long id, RpcStatus status, JsonValue responseBody) {
        return em.createNamedQuery(RpcRequest.ANSWER)
                        .setParameter("status", status.wire())
                        .setParameter("response", JsonText.write(responseBody))
                        .setParameter("now", Timestamps.nowUtc())
                        .setParameter("id", id)
                        .setParameter("answered", List.of(RpcStatus.COMPLETED.wire(), RpcStatus.ERROR.wire()))
                        .executeUpdate()
                == 1;
    }

    @Override
    public void forget(long id) {
        Optional.ofNullable(em.find(RpcRequest.class, id)).ifPresent(em::remove);
    }

    private static JsonValue orNull(JsonValue value) {
        return value == null ? JsonValue.NULL : value;
    }

    /** Deletes the requests inserted more than {@code age} ago; answered or not, nobody polls them any more. */
    public int deleteOlderThan(Duration age) {
        return em.createNamedQuery(RpcRequest.DELETE_OLDER_THAN)
                .setParameter("before", Timestamps.nowUtc().minus(age))
                .executeUpdate();
    }
}
