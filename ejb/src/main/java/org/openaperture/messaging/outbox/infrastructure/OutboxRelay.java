package org.openaperture.messaging.outbox.infrastructure;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.outbox.application.OutboxRelayRun;
import org.openaperture.messaging.outbox.application.OutboxStore;
import org.openaperture.messaging.publish.infrastructure.Publishing;

/**
 * Relays the outbox to the broker: right after a transaction that queued messages commits, and every
 * few seconds for whatever is still due (a broker that was down, a node that stopped mid-way). One pass
 * at a time on this node; a pass asked for while one runs is run right after it. The passes keep their broker
 * connection, session and producers from one to the next ({@link Publishing.Kept}), so that a message sent
 * alone costs a send and its confirmation, not the round trips of opening them; a pass in which a send failed
 * closes them, and the next opens them afresh.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {
    private static final Logger LOG = System.getLogger(OutboxRelay.class.getName());

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** Used by the pass that holds {@code running} only. */
    private final Publishing.Kept kept = new Publishing.Kept();

    @Inject
    OutboxStore store;

    @Inject
    AmqpOutboxSender sender;

    @Inject
    Publishing publishing;

    @Asynchronous
    public void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Queued queued) {
        relay();
    }

    @PreDestroy
    void stop() {
        // A pass still running ends on its own; what it kept is closed with its connection.
        if (running.compareAndSet(false, true)) {
            kept.close();
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void onTimer() {
        relay();
    }

    public void relay() {
        again.set(true);
        // Whoever holds "running" re-checks "again" after its pass, so a request never gets lost.
        while (again.get() && running.compareAndSet(false, true)) {
            try {
                again.set(false);
                OutboxRelayRun.Result result;
                try (var batch = publishing.batch(kept)) {
                    result = OutboxRelayRun.run(store, sender);
                } catch (RuntimeException e) {
                    kept.close();
                    throw e;
                }
                if (result.failed() > 0) {
                    kept.close();
                }
                if (result.sent() > 0 || result.failed() > 0) {
                    LOG.log(Level.DEBUG, "outbox: {0} sent, {1} failed", result.sent(), result.failed());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "outbox relay pass failed: " + e.getMessage(), e);
            } finally {
                running.set(false);
            }
        }
    }
}
