package org.openaperture.messaging.publish.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.publish.application.FailoverPublisher.BrokerSwitch;
import org.openaperture.messaging.publish.application.FailoverPublisher.Settings;
import org.openaperture.messaging.publish.application.FailoverPublisher.Side;
import org.openaperture.messaging.publish.domain.BrokerUnavailableException;
import org.openaperture.messaging.publish.domain.Envelope;
import org.openaperture.messaging.registry.domain.ConnectionOptions;

/** The seed's failover rule for publishers: several reconnects, then the failover broker and exchange. */
class FailoverPublisherTest {
    static final ConnectionOptions PRIMARY = new ConnectionOptions(1, 1, "primary", 5672, "/", "u", "p");
    static final ConnectionOptions STANDBY = new ConnectionOptions(2, 2, "standby", 5673, "/", "u", "p");
    static final PublishTarget WITH_FAILOVER =
            new PublishTarget("AWS", "aws.us-east-1.builder", PRIMARY, STANDBY, "AWS-DR", "aws-dr.us-east-1.builder");
    static final PublishTarget WITHOUT_FAILOVER =
            new PublishTarget("AWS", "aws.us-east-1.builder", PRIMARY, null, "AWS", "aws.us-east-1.builder");
    static final Envelope MESSAGE = Envelope.of("m-1", "test", "{}");

    /** A broker pair in memory: a host is up unless listed as down; every send is recorded. */
    static final class Brokers implements BrokerSender {
        final Set<String> down = new HashSet<>();
        final List<String> sent = new ArrayList<>();
        int attempts;

        @Override
        public void send(ConnectionOptions connection, String rootExchange, String routingKey, Envelope message) {
            attempts++;
            String host = connection == null ? "default" : connection.host();
            if (down.contains(host)) {
                throw new BrokerUnavailableException(host + " refused the connection", null);
            }
            sent.add(host + " " + rootExchange + " " + routingKey);
        }
    }

    /** A clock the test moves, and a sleeper that moves it. */
    static final class Time {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        final List<Duration> slept = new ArrayList<>();

        Clock clock() {
            return new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };
        }

        void sleep(Duration d) {
            slept.add(d);
            now = now.plus(d);
        }
    }

    final Brokers brokers = new Brokers();
    final Time time = new Time();
    final List<BrokerSwitch> switches = new ArrayList<>();

    FailoverPublisher publisher(Settings settings) {
        FailoverPublisher publisher = new FailoverPublisher(brokers, settings, time.clock(), time::sleep);
        publisher.onSwitch(switches::add);
        return publisher;
    }

    @Test
    @DisplayName("a reachable broker takes the message on the first attempt, at the target's root and key")
    void primaryTakesIt() {
        assertEquals(Side.PRIMARY, publisher(Settings.defaults()).publish(WITH_FAILOVER, MESSAGE));

        assertEquals(List.of("primary AWS aws.us-east-1.builder"), brokers.sent);
        assertTrue(switches.isEmpty());
    }

    @Test
    @DisplayName("a lost broker is tried 5 times 1 s apart, then the failover broker gets the failover exchange's key")
    void fiveAttemptsThenFailover() {
        brokers.down.add("primary");

        assertEquals(Side.FAILOVER, publisher(Settings.defaults()).publish(WITH_FAILOVER, MESSAGE));

        assertEquals(6, brokers.attempts, "5 to the primary, 1 to the failover");
        assertEquals(
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                time.slept);
        assertEquals(List.of("standby AWS-DR aws-dr.us-east-1.builder"), brokers.sent);
        assertEquals(1, switches.size());
        assertEquals(Side.FAILOVER, switches.get(0).to());
        assertEquals(1, switches.get(0).brokerId());
    }

    @Test
    @DisplayName("once failed over, later messages go straight to the failover broker, without waiting")
    void theSwitchIsRemembered() {
        FailoverPublisher publisher = publisher(Settings.defaults());
        brokers.down.add("primary");
        publisher.publish(WITH_FAILOVER, MESSAGE);
        brokers.attempts = 0;
        time.slept.clear();

        assertEquals(Side.FAILOVER, publisher.publish(WITH_FAILOVER, MESSAGE));

        assertEquals(1, brokers.attempts);
        assertTrue(time.slept.isEmpty());
        assertEquals(Set.of(1L), publisher.failedOverBrokers());
        assertEquals(1, switches.size(), "one switch, not one per message");
    }

    @Test
    @DisplayName("the fast way goes straight to the primary, once, and fails without attempts or failover")
    void theFastWayIsOneSendToThePrimary() {
        FailoverPublisher publisher = publisher(Settings.defaults());

        assertEquals(
                Side.PRIMARY,
                publisher
                        .publishAsync(WITH_FAILOVER, MESSAGE)
                        .orElseThrow()
                        .toCompletableFuture()
                        .join());
        brokers.down.add("primary");
        var refused =
                publisher.publishAsync(WITH_FAILOVER, MESSAGE).orElseThrow().toCompletableFuture();

        assertTrue(refused.isCompletedExceptionally());
        assertEquals(2, brokers.attempts, "one send each");
        assertTrue(time.slept.isEmpty());
        assertTrue(switches.isEmpty(), "the switch is the whole way's to make (publish)");
    }

    @Test
    @DisplayName("once failed over, there is no fast way: the whole way sends to the failover broker")
    void noFastWayOnceFailedOver() {
        FailoverPublisher publisher = publisher(Settings.defaults());
        brokers.down.add("primary");
        publisher.publish(WITH_FAILOVER, MESSAGE);

        assertTrue(publisher.publishAsync(WITH_FAILOVER, MESSAGE).isEmpty());
    }

    @Test
    @DisplayName("without fail-back the failover broker stays in use after the primary is back")
    void noFailBackByDefault() {
        FailoverPublisher publisher = publisher(Settings.defaults());
        brokers.down.add("primary");
        publisher.publish(WITH_FAILOVER, MESSAGE);
        brokers.down.clear();
        time.now = time.now.plus(Duration.ofHours(1));

        assertEquals(Side.FAILOVER, publisher.publish(WITH_FAILOVER, MESSAGE));
    }

    @Test
    @DisplayName("with fail-back the primary is tried again after the interval and used once it answers")
    void failBack() {
        FailoverPublisher publisher = publisher(new Settings(2, Duration.ofSeconds(1), true, Duration.ofSeconds(30)));
        brokers.down.add("primary");
        publisher.publish(WITH_FAILOVER, MESSAGE);

        time.now = time.now.plus(Duration.ofSeconds(10));
        assertEquals(Side.FAILOVER, publisher.publish(WITH_FAILOVER, MESSAGE), "too early to try the primary");

        time.now = time.now.plus(Duration.ofSeconds(30));
        assertEquals(Side.FAILOVER, publisher.publish(WITH_FAILOVER, MESSAGE), "tried, still down");

        brokers.down.clear();
        time.now = time.now.plus(Duration.ofSeconds(5));
        assertEquals(Side.FAILOVER, publisher.publish(WITH_FAILOVER, MESSAGE), "the next try is 30 s after the last");

        time.now = time.now.plus(Duration.ofSeconds(30));
        assertEquals(Side.PRIMARY, publisher.publish(WITH_FAILOVER, MESSAGE));
        assertEquals(Side.PRIMARY, publisher.publish(WITH_FAILOVER, MESSAGE));
        assertEquals(
                List.of(Side.FAILOVER, Side.PRIMARY),
                switches.stream().map(BrokerSwitch::to).toList());
        assertTrue(publisher.failedOverBrokers().isEmpty());
    }

    @Test
    @DisplayName("without a failover broker the send fails after the last attempt, naming broker, exchange and key")
    void noFailoverBroker() {
        brokers.down.add("primary");

        BrokerUnavailableException e =
                assertThrows(BrokerUnavailableException.class, () -> publisher(Settings.defaults())
                        .publish(WITHOUT_FAILOVER, MESSAGE));

        assertEquals(5, brokers.attempts);
        assertTrue(e.getMessage().contains("broker 1 has no failover broker"), e.getMessage());
        assertTrue(e.getMessage().contains("primary refused the connection"), e.getMessage());
    }

    @Test
    @DisplayName("when the failover broker is down too, the error names both")
    void bothDown() {
        brokers.down.addAll(Set.of("primary", "standby"));

        BrokerUnavailableException e =
                assertThrows(BrokerUnavailableException.class, () -> publisher(Settings.defaults())
                        .publish(WITH_FAILOVER, MESSAGE));

        assertTrue(e.getMessage().contains("standby refused"), e.getMessage());
        assertTrue(e.getMessage().contains("primary refused"), e.getMessage());
    }

    @Test
    @DisplayName("a refusal that is not a lost broker fails at once, without retries or failover")
    void otherRefusalsAreNotRetried() {
        BrokerSender refusing = (connection, root, key, message) -> {
            throw new IllegalStateException("exchange " + root + " does not exist");
        };
        FailoverPublisher publisher = new FailoverPublisher(refusing, Settings.defaults(), time.clock(), time::sleep);

        assertThrows(IllegalStateException.class, () -> publisher.publish(WITH_FAILOVER, MESSAGE));
        assertTrue(time.slept.isEmpty());
        assertTrue(publisher.failedOverBrokers().isEmpty());
    }

    @Test
    @DisplayName("the node's default connection has no failover: it is retried, then the send fails")
    void nodeDefaultConnection() {
        brokers.down.add("default");

        BrokerUnavailableException e = assertThrows(BrokerUnavailableException.class, () -> publisher(
                        new Settings(3, Duration.ofMillis(10), false, Duration.ofSeconds(1)))
                .publish(PublishTarget.viaNodeDefault("AWS", "aws.builder"), MESSAGE));

        assertEquals(3, brokers.attempts);
        assertTrue(e.getMessage().contains("default connection"), e.getMessage());
    }
}
