package org.openaperture.messaging.rpc.application;

import jakarta.json.JsonValue;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openaperture.messaging.rpc.application.RpcRequestStore.Answer;

/**
 * The requester's side of an RPC (messaging.md §6.1, the original {@code RpcHandler}): store the request and
 * queue its message together, then read the row every {@code pollInterval} until the responder has answered
 * or {@code timeout} has passed. {@code completed} gives the response body; {@code error} fails with it; no
 * answer in time fails with a message naming component, exchange, request and deadline. Unlike the
 * original, nothing goes on polling after the caller gave up: the request is deleted, so a late answer is
 * discarded by the responder. An answered request is deleted too, as the original did.
 */
public final class RpcRequester {
    private static final Logger LOG = System.getLogger(RpcRequester.class.getName());

    /** Waits between two reads; a test passes one that moves a fake clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** How long a requester waits for an answer, and how often it looks. */
    public record Settings(Duration timeout, Duration pollInterval) {
        public Settings {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(pollInterval, "pollInterval");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("the RPC timeout cannot be negative, was " + timeout);
            }
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("the RPC poll interval must be positive, was " + pollInterval);
            }
        }
    }

    private final RpcRequestStore store;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Settings settings;

    public RpcRequester(RpcRequestStore store, Clock clock, Sleeper sleeper, Settings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Makes the request and waits for its answer.
     *
     * @return the response body of a {@code completed} answer (JSON null when there is none)
     * @throws RpcFailedException when the answer is {@code error}, or the request was deleted meanwhile
     * @throws RpcTimeoutException when no answer came within the timeout
     */
    public JsonValue call(RpcTarget target, JsonValue requestBody) {
        long id = store.open(target.exchangeId(), target.component(), requestBody);
        try {
            return await(target, id);
        } finally {
            forget(id);
        }
    }

    /** Reads the request until it is answered or the deadline has passed; the last read is at the deadline. */
    JsonValue await(RpcTarget target, long id) {
        Instant started = clock.instant();
        Instant deadline = started.plus(settings.timeout());
        while (true) {
            Optional<Answer> answer = store.read(id);
            if (answer.isEmpty()) {
                throw new RpcFailedException(
                        "request " + id + " to " + describe(target) + " was deleted before it was answered",
                        JsonValue.NULL);
            }
            if (answer.get().status().answered()) {
                return outcome(target, id, answer.get());
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new RpcTimeoutException(target, id, settings.timeout());
            }
            Duration left = Duration.between(now, deadline);
            pause(left.compareTo(settings.pollInterval()) < 0 ? left : settings.pollInterval());
        }
    }

    private static JsonValue outcome(RpcTarget target, long id, Answer answer) {
        return switch (answer.status()) {
            case COMPLETED -> answer.responseBody();
            case ERROR -> {
                RpcFailedException failed = new RpcFailedException("", answer.responseBody());
                String reasons = failed.reasons().isEmpty()
                        ? answer.responseBody().toString()
                        : String.join("; ", failed.reasons());
                throw new RpcFailedException(
                        describe(target) + " answered request " + id + " with an error: " + reasons,
                        answer.responseBody());
            }
            default -> throw new IllegalStateException("not an answer: " + answer.status());
        };
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an RPC answer", e);
        }
    }

    private void forget(long id) {
        try {
            store.forget(id);
        } catch (RuntimeException e) {
            // The hourly cleanup deletes it a day later; the caller's answer matters more.
            LOG.log(Level.WARNING, "could not delete RPC request " + id + ": " + e.getMessage());
        }
    }

    private static String describe(RpcTarget target) {
        return target.component() + " of exchange " + target.exchangeName();
    }
}
