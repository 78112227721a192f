package org.openaperture.messaging.publish.application;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openaperture.messaging.publish.domain.BrokerUnavailableException;
import org.openaperture.messaging.publish.domain.Envelope;
import org.openaperture.messaging.registry.domain.ConnectionOptions;

/**
 * The publishers' failover rule, in one place (the seed: "Messaging will attempt several reconnects before
 * attempting to connect to the failover Broker/Exchange"; messaging.md §5.9 as intended):
 * <ol>
 *   <li>a send goes through the target's connection; a broker that cannot be reached is tried
 *       {@code reconnectAttempts} times in all, {@code reconnectDelay} apart;</li>
 *   <li>then, when the broker has a failover broker, the message goes to the failover broker's connection
 *       and the failover exchange's root and key, and so does every later message for that broker: the
 *       switch is remembered;</li>
 *   <li>with {@code failBack} (off by default) the primary is tried again at most every
 *       {@code failBackInterval}, and used again once it answers.</li>
 * </ol>
 * Without a failover broker the send fails after the last attempt, naming broker, exchange and key. Only
 * {@link BrokerUnavailableException} counts as a lost broker; any other refusal fails at once.
 */
public final class FailoverPublisher {
    private static final Logger LOG = System.getLogger(FailoverPublisher.class.getName());

    /** How hard to try a broker before switching, and whether to come back. */
    public record Settings(
            int reconnectAttempts, Duration reconnectDelay, boolean failBack, Duration failBackInterval) {
        public Settings {
            if (reconnectAttempts < 1) {
                throw new IllegalArgumentException("reconnect attempts must be at least 1, was " + reconnectAttempts);
            }
            Objects.requireNonNull(reconnectDelay, "reconnectDelay");
            Objects.requireNonNull(failBackInterval, "failBackInterval");
        }

        /** The seed's numbers: 5 attempts 1 s apart, no fail-back. */
        public static Settings defaults() {
            return new Settings(5, Duration.ofSeconds(1), false, Duration.ofMinutes(1));
        }
    }

    /** Which side of a broker pair a message went through. */
    public enum Side {
        PRIMARY,
        FAILOVER
    }

    /** A switch from a broker to its failover broker, or back. */
    public record BrokerSwitch(long brokerId, Side to, String from, String towards, Instant at, String reason) {}

    /** Waits between attempts; a test passes one that only counts. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final BrokerSender sender;
    private final Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final List<Consumer<BrokerSwitch>> listeners = new CopyOnWriteArrayList<>();
    /** Brokers now failed over, by id, with the time the primary may be tried again. */
    private final Map<Long, Instant> failedOver = new ConcurrentHashMap<>();

    public FailoverPublisher(BrokerSender sender, Settings settings, Clock clock, Sleeper sleeper) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public FailoverPublisher(BrokerSender sender, Settings settings) {
        this(sender, settings, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    /** Tells {@code listener} of every switch; it must not throw. */
    public void onSwitch(Consumer<BrokerSwitch> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The brokers (ids) whose messages now go to their failover broker. */
    public Set<Long> failedOverBrokers() {
        return Set.copyOf(failedOver.keySet());
    }

    /**
     * Sends {@code message} to {@code target} and returns the side the broker confirmed it on.
     *
     * @throws BrokerUnavailableException when neither the broker nor its failover broker took it
     */
    public Side publish(PublishTarget target, Envelope message) {
        Long brokerId = target.connection() == null ? null : target.connection().brokerId();
        if (brokerId != null
                && failedOver.containsKey(brokerId)
                && target.failover().isPresent()) {
            if (settings.failBack() && tryFailBack(brokerId, target, message)) {
                return Side.PRIMARY;
            }
            sendToFailover(target, message, null);
            return Side.FAILOVER;
        }
        BrokerUnavailableException lost = null;
        for (int attempt = 1; attempt <= settings.reconnectAttempts(); attempt++) {
            try {
                sender.send(target.connection(), target.rootExchangeName(), target.routingKey(), message);
                return Side.PRIMARY;
            } catch (BrokerUnavailableException e) {
                lost = e;
                if (attempt < settings.reconnectAttempts()) {
                    pause();
                }
            }
        }
        if (brokerId == null || target.failover().isEmpty()) {
            throw new BrokerUnavailableException(
                    "gave up after " + settings.reconnectAttempts() + " attempts "
                            + settings.reconnectDelay().toMillis() + " ms apart, and "
                            + (brokerId == null ? "this node's default connection" : "broker " + brokerId)
                            + " has no failover broker: " + lost.getMessage(),
                    lost);
        }
        switchTo(Side.FAILOVER, brokerId, target, lost.getMessage());
        sendToFailover(target, message, lost);
        return Side.FAILOVER;
    }

    /**
     * Starts sending {@code message} straight to the target's broker, once and without waiting, when the broker
     * is not failed over; empty when it is (then {@link #publish} is the way). The stage fails when the broker did
     * not confirm: the caller then sends the message with {@link #publish}, which applies the whole rule (attempts,
     * failover). So a window of sends waits for the broker's confirmations together, and the rule stays here.
     */
    public Optional<CompletionStage<Side>> publishAsync(PublishTarget target, Envelope message) {
        Long brokerId = target.connection() == null ? null : target.connection().brokerId();
        if (brokerId != null
                && failedOver.containsKey(brokerId)
                && target.failover().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(
                sender.sendAsync(target.connection(), target.rootExchangeName(), target.routingKey(), message)
                        .thenApply(confirmed -> Side.PRIMARY));
    }

    private boolean tryFailBack(long brokerId, PublishTarget target, Envelope message) {
        Instant now = clock.instant();
        Instant probeAt = failedOver.get(brokerId);
        if (probeAt == null || now.isBefore(probeAt)) {
            return false;
        }
        failedOver.put(brokerId, now.plus(settings.failBackInterval()));
        try {
            sender.send(target.connection(), target.rootExchangeName(), target.routingKey(), message);
        } catch (BrokerUnavailableException stillDown) {
            LOG.log(Level.DEBUG, "broker {0} is still unavailable: {1}", brokerId, stillDown.getMessage());
            return false;
        }
        switchTo(Side.PRIMARY, brokerId, target, "broker " + brokerId + " answers again");
        return true;
    }

    private void sendToFailover(PublishTarget target, Envelope message, BrokerUnavailableException primaryLost) {
        ConnectionOptions failover = target.failoverConnection();
        try {
            sender.send(failover, target.failoverRootExchangeName(), target.failoverRoutingKey(), message);
        } catch (BrokerUnavailableException e) {
            String primary = primaryLost == null ? "" : "; primary: " + primaryLost.getMessage();
            throw new BrokerUnavailableException(
                    "the failover broker " + failover.brokerId() + " did not take the message either: " + e.getMessage()
                            + primary,
                    e);
        }
    }

    private void switchTo(Side side, long brokerId, PublishTarget target, String reason) {
        boolean changed = side == Side.FAILOVER
                ? failedOver.putIfAbsent(brokerId, clock.instant().plus(settings.failBackInterval())) == null
                : failedOver.remove(brokerId) != null;
        if (!changed) {
            return;
        }
        String primary = target.connection() + ", exchange " + target.rootExchangeName();
        String failover = target.failoverConnection() + ", exchange " + target.failoverRootExchangeName();
        BrokerSwitch event = side == Side.FAILOVER
                ? new BrokerSwitch(brokerId, side, primary, failover, clock.instant(), reason)
                : new BrokerSwitch(brokerId, side, failover, primary, clock.instant(), reason);
        LOG.log(
                Level.WARNING,
                side == Side.FAILOVER
                        ? "publishing for broker {0} now goes to its failover: {1} -> {2} ({3})"
                        : "publishing for broker {0} is back on its primary: {1} -> {2} ({3})",
                brokerId,
                event.from(),
                event.towards(),
                reason);
        for (var listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a broker switch listener failed: " + e.getMessage(), e);
            }
        }
    }

    private void pause() {
        try {
            sleeper.sleep(settings.reconnectDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting to reconnect", e);
        }
    }
}
