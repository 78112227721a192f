package org.openaperture.messaging.application;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.domain.RpcRequest;

/** RPC requests as rows: created by a requester, answered by the responder, read back by the requester. */
@Stateless
public class RpcRequestService {

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

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

    /** Deletes the requests inserted more than {@code age} ago; answered or not, nobody polls them any more. */
    public int deleteOlderThan(Duration age) {
        return em.createNamedQuery(RpcRequest.DELETE_OLDER_THAN)
                .setParameter("before", Timestamps.nowUtc().minus(age))
                .executeUpdate();
    }
}
