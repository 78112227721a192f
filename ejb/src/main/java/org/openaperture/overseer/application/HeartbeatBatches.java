package org.openaperture.overseer.application;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openaperture.common.application.GroupCommit;

/**
 * Heartbeats committed in groups: the sessions consuming {@code system_modules} each hand in the heartbeat
 * they hold and wait; the heartbeats that arrived during one transaction are written in the next (one
 * transaction for many, one row per module). A session returns, and its message is acknowledged, only after
 * the transaction that held its heartbeat committed. A heartbeat that cannot be read fails at once, alone.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each batch commits in its own transaction
public class HeartbeatBatches {
    /** The most heartbeats in one transaction; the sessions consuming the queue bound it first. */
    static final int MAX_BATCH = 500;

    /**
     * Transactions running at once: while one waits for the database (its queries, its commit), the next
     * batch is written. Module rows are updated in id order (EclipseLink's commit order), so two batches that
     * share a module wait for each other rather than deadlock.
     */
    static final int IN_FLIGHT = 4;

    private final GroupCommit<HeartbeatHandler.Heartbeat> group = new GroupCommit<>(MAX_BATCH, IN_FLIGHT);

    @Inject
    HeartbeatHandler handler;

    /** Returns once the heartbeat's effect is committed; throws when it cannot be read or recorded. */
    public void handle(String body, String messageId) {
        group.submit(HeartbeatHandler.read(body, messageId), handler::handleAll);
    }
}
