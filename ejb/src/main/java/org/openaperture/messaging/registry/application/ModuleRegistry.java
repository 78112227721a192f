package org.openaperture.messaging.registry.application;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openaperture.common.application.FilteredQuery;
import org.openaperture.common.domain.Page;
import org.openaperture.common.domain.PageRequest;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.registry.domain.ExchangeModule;
import org.openaperture.messaging.registry.domain.ModuleReport;

/**
 * The register of modules running in each exchange. A module is known by its hostname within an
 * exchange: a report inserts it the first time and refreshes it afterwards (one row, never duplicates).
 * {@code updated_at} is when the module was last heard from; turning it inactive does not move it.
 * The one owner of {@code exchange_modules}: every read and write of the table goes through here.
 */
@Stateless
public class ModuleRegistry {

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    public ExchangeModule record(long exchangeId, ModuleReport report) {
        return recordAll(exchangeId, List.of(report)).get(0);
    }

    /**
     * Records many reports at once (one query for the known rows, one flush); of several reports of one
     * hostname the last counts. Returns the modules recorded, one per hostname, in the order first reported.
     */
    public List<ExchangeModule> recordAll(long exchangeId, Collection<ModuleReport> reports) {
        requireExchange(exchangeId);
        Map<String, ModuleReport> latest = new LinkedHashMap<>();
        for (ModuleReport report : reports) {
            latest.put(report.hostname(), report);
        }
        Map<String, ExchangeModule> known = new HashMap<>();
        if (!latest.isEmpty()) {
            em.createNamedQuery(ExchangeModule.BY_HOSTNAMES, ExchangeModule.class)
                    .setParameter("exchangeId", exchangeId)
                    .setParameter("hostnames", latest.keySet())
                    .getResultStream()
                    .forEach(m -> known.put(m.hostname(), m));
        }
        List<ExchangeModule> recorded = new ArrayList<>(latest.size());
        for (ModuleReport report : latest.values()) {
            ExchangeModule module =
                    known.computeIfAbsent(report.hostname(), hostname -> new ExchangeModule(exchangeId, hostname));
            module.report(report);
            if (module.id() == null) {
                em.persist(module);
            }
            recorded.add(module);
        }
        em.flush();
        return recorded;
    }

    /**
     * Whether an active module of one of {@code types} is registered in the exchange: inactive rows, kept
     * until they are removed, do not count (components.md §12.13).
     */
    public boolean hasActiveModule(long exchangeId, Collection<String> types) {
        return em.createNamedQuery(ExchangeModule.OF_EXCHANGE, ExchangeModule.class)
                .setParameter("exchangeId", exchangeId)
                .getResultStream()
                .anyMatch(m -> ExchangeModule.ACTIVE.equals(m.status()) && types.contains(m.type()));
    }

    /** Every module of the exchange, by hostname. */
    public List<ExchangeModule> ofExchange(long exchangeId) {
        return em.createNamedQuery(ExchangeModule.OF_EXCHANGE, ExchangeModule.class)
                .setParameter("exchangeId", exchangeId)
                .getResultList();
    }

    /** Ids per locking statement: well under every database's limit of bound parameters. */
    private static final int IDS_PER_STATEMENT = 1_000;

    /** What a change of silent modules did: how many rows it changed, and the first of them, as they were. */
    public record SilentModules(List<ExchangeModule> first, int count) {}

    /**
     * Removes every module of the exchange not heard from since {@code before}: returns how many, and the first
     * {@code first} of them by id as they were. Those are locked first (in id order), so a node sweeping at the
     * same time waits, then finds them gone: each removal is reported by one sweep only.
     */
    public SilentModules removeSilent(long exchangeId, LocalDateTime before, int first) {
        return lockedThenChanged(
                ExchangeModule.SILENT_IDS,
                ExchangeModule.SILENT_AMONG,
                ExchangeModule.DELETE_SILENT,
                exchangeId,
                before,
                first);
    }

    /**
     * Marks every active module of the exchange not heard from since {@code before} inactive; returns and locks
     * as {@link #removeSilent}.
     */
    public SilentModules markSilentInactive(long exchangeId, LocalDateTime before, int first) {
        return lockedThenChanged(
                ExchangeModule.ACTIVE_SILENT_IDS,
                ExchangeModule.ACTIVE_SILENT_AMONG,
                ExchangeModule.MARK_SILENT_INACTIVE,
                exchangeId,
                before,
                first);
    }

    /**
     * The first silent rows ({@code ids}, then locked by {@code among}, which keeps those still silent: two
     * steps, as H2 takes no lock with a row limit), then every silent row changed by {@code change} in one
     * statement with the same conditions. A row not silent when the change starts does not become so: a report
     * only moves its {@code updated_at} forward, past {@code before}. So when fewer than {@code first} rows were
     * silent, the change changes exactly the rows locked.
     */
    private SilentModules lockedThenChanged(
            String ids, String among, String change, long exchangeId, LocalDateTime before, int first) {
        List<Long> firstIds = em.createNamedQuery(ids, Long.class)
                .setParameter("exchangeId", exchangeId)
                .setParameter("before", before)
                .setMaxResults(first)
                .getResultList();
        if (firstIds.isEmpty()) {
            return new SilentModules(List.of(), 0);
        }
        List<ExchangeModule> locked = new ArrayList<>(firstIds.size());
        for (int from = 0; from < firstIds.size(); from += IDS_PER_STATEMENT) {
            locked.addAll(em.createNamedQuery(among, ExchangeModule.class)
                    .setParameter("ids", firstIds.subList(from, Math.min(firstIds.size(), from + IDS_PER_STATEMENT)))
                    .setParameter("before", before)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList());
        }
        // Detached, they keep what they were; the bulk statement below does not flush or check them one by one.
        locked.forEach(em::detach);
        int count = em.createNamedQuery(change)
                .setParameter("exchangeId", exchangeId)
                .setParameter("before", before)
                .executeUpdate();
        return new SilentModules(locked, count);
    }

    /** A page of an exchange's modules (all of them when {@code page} is null), optionally of a type and/or status. */
    public Page<ExchangeModule> page(long exchangeId, String type, String status, PageRequest page) {
        requireExchange(exchangeId);
        var query = FilteredQuery.of(ExchangeModule.class, "m")
                .where("m.exchangeId = :exchangeId", "exchangeId", exchangeId);
        if (type != null) {
            query.where("m.type = :type", "type", type);
        }
        if (status != null) {
            query.where("m.status = :status", "status", status);
        }
        return query.page(em, "m.hostname", page);
    }

    /** The module of that hostname in the exchange. */
    public ExchangeModule get(long exchangeId, String hostname) {
        requireExchange(exchangeId);
        return em.createNamedQuery(ExchangeModule.BY_HOSTNAME, ExchangeModule.class)
                .setParameter("exchangeId", exchangeId)
                .setParameter("hostname", hostname)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new UnknownEntityException(ExchangeModule.KIND, hostname));
    }

    /** Deletes the module of that hostname in the exchange. */
    public void delete(long exchangeId, String hostname) {
        em.remove(get(exchangeId, hostname));
    }

    /** Deletes every module of the exchange, in the caller's transaction (the exchange is being deleted). */
    public void deleteAllOf(long exchangeId) {
        em.createNamedQuery(ExchangeModule.DELETE_OF_EXCHANGE)
                .setParameter("exchangeId", exchangeId)
                .executeUpdate();
    }

    private void requireExchange(long exchangeId) {
        if (em.find(Exchange.class, exchangeId) == null) {
            throw new UnknownEntityException(Exchange.KIND, exchangeId);
        }
    }
}
