package org.openaperture.system.application;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.openaperture.common.domain.DuplicateEntityException;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.system.domain.SystemComponentRef;

/** Which source each component type should run; keyed by type. */
@Stateless
public class SystemComponentRefService {

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    public List<SystemComponentRef> list() {
        return em.createNamedQuery(SystemComponentRef.ALL, SystemComponentRef.class)
                .getResultList();
    }

    public SystemComponentRef get(String type) {
        return em.createNamedQuery(SystemComponentRef.BY_TYPE, SystemComponentRef.class)
                .setParameter("type", type)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new UnknownEntityException(SystemComponentRef.KIND, type));
    }

    public SystemComponentRef create(String type, String sourceRepo, String sourceRepoGitRef, boolean autoUpgrade) {
        boolean taken = em.createNamedQuery(SystemComponentRef.BY_TYPE, SystemComponentRef.class)
                .setParameter("type", type)
                .getResultStream()
                .findAny()
                .isPresent();
        if (taken) {
            throw new DuplicateEntityException("a " + SystemComponentRef.KIND + " of type " + type + " already exists");
        }
        SystemComponentRef ref = new SystemComponentRef(type, sourceRepo, sourceRepoGitRef, autoUpgrade);
        em.persist(ref);
        em.flush();
        return ref;
    }

    public SystemComponentRef update(String type, String sourceRepo, String sourceRepoGitRef, boolean autoUpgrade) {
        SystemComponentRef ref = get(type);
        ref.change(sourceRepo, sourceRepoGitRef, autoUpgrade);
        em.flush();
        return ref;
    }

    public void delete(String type) {
        em.remove(get(type));
    }
}
