package org.openaperture.worker.infrastructure;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.openaperture.common.application.SecretCipher;
import org.openaperture.common.domain.SealedSecret;
import org.openaperture.node.NodeConfig;
import org.openaperture.worker.application.JobJournal;
import org.openaperture.worker.domain.MilestoneRequest;
import org.openaperture.worker.domain.WorkerJob;

/**
 * The job journal in table {@code worker_jobs}, one row per component and workflow, naming the node that runs
 * the job ({@code openaperture.node.hostname}: nodes that share a database need names of their own). Each call
 * is its own transaction: the jobs run outside any.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaJobJournal implements JobJournal {

    @PersistenceContext
    EntityManager em;

    @Inject
    NodeConfig node;

    @Inject
    SecretCipher cipher;

    @Override
    public void started(String component, MilestoneRequest request) {
        SealedSecret body = cipher.seal(request.envelope().toString());
        WorkerJob job = em.find(WorkerJob.class, new WorkerJob.Key(component, request.workflowId()));
        if (job == null) {
            em.persist(new WorkerJob(component, request.workflowId(), request.step(), node.hostname(), body));
        } else {
            job.restart(request.step(), node.hostname(), body);
        }
    }

    @Override
    public void ended(String component, MilestoneRequest request) {
        WorkerJob job = em.find(WorkerJob.class, new WorkerJob.Key(component, request.workflowId()));
        if (job != null && open(job).equals(request.envelope().toString())) {
            em.remove(job);
        }
    }

    @Override
    public void cancelled(String component, String workflowId) {
        WorkerJob job = em.find(WorkerJob.class, new WorkerJob.Key(component, workflowId));
        if (job != null) {
            em.remove(job);
        }
    }

    @Override
    public List<MilestoneRequest> unfinished(String component) {
        return em
                .createNamedQuery(WorkerJob.OF_NODE, WorkerJob.class)
                .setParameter("node", node.hostname())
                .setParameter("component", component)
                .getResultList()
                .stream()
                .map(job -> MilestoneRequest.parse(open(job)))
                .toList();
    }

    @Override
    public int reencrypt() {
        List<WorkerJob> stale = em.createNamedQuery(WorkerJob.NOT_SEALED_WITH, WorkerJob.class)
                .setParameter("keyId", cipher.currentKeyId())
                .getResultList();
        for (WorkerJob job : stale) {
            job.reseal(cipher.seal(open(job)));
        }
        return stale.size();
    }

    private String open(WorkerJob job) {
        return cipher.plainText(job.request());
    }
}
