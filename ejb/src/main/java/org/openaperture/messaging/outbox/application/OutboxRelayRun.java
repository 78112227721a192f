package org.openaperture.messaging.outbox.application;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openaperture.messaging.outbox.domain.OutboxMessage;
import org.openaperture.messaging.publish.domain.BrokerUnavailableException;

/**
 * One pass of the relay: send every due message, a claim at a time, its sends started together and their
 * confirmations awaited after (a send the broker did not confirm is sent again the whole way, with the
 * publisher's attempts and failover); a sent message leaves the outbox, a failed one stays and
 * is tried again later, waiting twice as long after each failure (1 s, 2 s, 4 s, ... at most a minute).
 * Nothing is dropped: a message leaves the outbox only when the broker confirmed it; the messages of a claim
 * that were sent leave together, in one transaction (a node that stops before it sends them again, and their
 * consumers recognise them by their ids). A broker that cannot
 * be reached (even after the publisher's own retries and failover) ends the pass: the messages after it
 * wait for the next one rather than each waiting out the same outage.
 */
public final class OutboxRelayRun {
    private static final Logger LOG = System.getLogger(OutboxRelayRun.class.getName());
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(1);
    static final int BATCH = 100;

    /** Where the messages wait. */
    public interface Store {
        List<OutboxMessage> claimDue(int max);

        /** Forgets the messages the broker confirmed. */
        void delivered(List<String> ids);

        void failed(String id, String error, Duration retryIn);

        /** Gives a claimed message back, untried, to be due again in {@code retryIn}. */
        void release(String id, Duration retryIn);
    }

    /** Sends messages to the broker. */
    public interface Sender {
        /** Sends one message and returns once the broker confirmed it; throws when it did not. */
        void send(OutboxMessage message);

        /**
         * Starts sending one message the fast way and returns at once: the stage completes when the broker
         * confirmed it, and fails when it did not (the relay then {@linkplain #send sends} it again, the whole
         * way). Empty when there is no fast way now: the relay sends it the whole way.
         */
        default Optional<CompletionStage<Void>> start(OutboxMessage message) {
            return Optional.empty();
        }
    }

    /** How long a started send may wait for its confirmation before it is sent again the whole way. */
    static final Duration CONFIRMATION = Duration.ofSeconds(30);

    /** What a pass did. */
    public record Result(int sent, int failed) {}

    private OutboxRelayRun() {}

    public static Result run(Store store, Sender sender) {
        int sent = 0;
        int failed = 0;
        List<OutboxMessage> due;
        boolean brokerLost = false;
        do {
            due = store.claimDue(BATCH);
            List<String> delivered = new ArrayList<>(due.size());
            // Every send of the claim is started before any confirmation is awaited: the broker confirms them
            // at its own pace, not one round trip each.
            List<Optional<CompletionStage<Void>>> started = new ArrayList<>(due.size());
            for (OutboxMessage message : due) {
                started.add(sender.start(message));
            }
            for (int i = 0; i < due.size(); i++) {
                OutboxMessage message = due.get(i);
                if (brokerLost) {
                    if (started.get(i).map(OutboxRelayRun::alreadyConfirmed).orElse(false)) {
                        delivered.add(message.id());
                        sent++;
                    } else {
                        store.release(message.id(), FIRST_RETRY);
                    }
                    continue;
                }
                try {
                    if (started.get(i).map(send -> !confirmed(send)).orElse(true)) {
                        sender.send(message); // the whole way: attempts and failover
                    }
                    delivered.add(message.id());
                    sent++;
                } catch (RuntimeException e) {
                    failed++;
                    Duration retryIn = retryDelay(message.attempts() + 1);
                    LOG.log(
                            Level.WARNING,
                            "message {0} ({1} to queue {2} of exchange {3}) not sent, attempt {4}, next in {5} s: {6}",
                            message.id(),
                            message.type(),
                            message.queue(),
                            message.exchangeId(),
                            message.attempts() + 1,
                            retryIn.toSeconds(),
                            e.getMessage());
                    store.failed(message.id(), e.getMessage(), retryIn);
                    brokerLost = e instanceof BrokerUnavailableException;
                }
            }
            if (!delivered.isEmpty()) {
                store.delivered(delivered);
            }
        } while (due.size() == BATCH && failed == 0);
        return new Result(sent, failed);
    }

    /** Whether the started send was confirmed; false when it failed or no confirmation came in time. */
    private static boolean confirmed(CompletionStage<Void> send) {
        try {
            send.toCompletableFuture().get(CONFIRMATION.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting for the broker's confirmation", e);
        }
    }

    private static boolean alreadyConfirmed(CompletionStage<Void> send) {
        var future = send.toCompletableFuture();
        return future.isDone() && !future.isCompletedExceptionally();
    }

    /** The wait after the {@code attempt}-th failure. */
    static Duration retryDelay(int attempt) {
        if (attempt >= 7) {
            return LONGEST_RETRY;
        }
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.max(0, attempt - 1));
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }
}
