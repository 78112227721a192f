package org.openaperture.messaging.application;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.domain.Exchange;
import org.openaperture.messaging.domain.ExchangeModule;
import org.openaperture.messaging.domain.ModuleReport;

/**
 * The register of modules running in each exchange. A module is known by its hostname within an
 * exchange: a report inserts it the first time and refreshes it afterwards (one row, never duplicates).
 */
@Stateless
public class ModuleRegistry {

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    public ExchangeModule record(long exchangeId, ModuleReport report) {
        if (em.find(Exchange.class, exchangeId) == null) {
            throw new UnknownEntityException(Exchange.KIND, exchangeId);
        }
        ExchangeModule module = em.createNamedQuery(ExchangeModule.BY_HOSTNAME, ExchangeModule.class)
                .setParameter("exchangeId", exchangeId)
                .setParameter("hostname", report.hostname())
                .getResultStream()
                .findFirst()
                .orElseGet(() -> new ExchangeModule(exchangeId, report.hostname()));
        module.report(report);
        if (module.id() == null) {
            em.persist(module);
        }
        em.flush();
        return module;
    }
}
