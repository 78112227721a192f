package org.openaperture.jms.amqp.settings;

import java.util.Set;
import java.util.regex.Pattern;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.JmsDestination;
import org.apache.qpid.jms.JmsSession;
import org.apache.qpid.jms.policy.JmsPrefetchPolicy;

/**
 * Where and how to reach the broker, and the only place that builds Qpid connection factories.
 *
 * <p>Every factory gets explicit connect, send, request and close timeouts and {@code receiveLocalOnly}:
 * with Qpid's defaults a wrong address or a missing queue on RabbitMQ 3.x hangs forever (the broker ends the
 * session instead of refusing the link), and a pull-style drain crashes the broker channel (RabbitMQ #7119).
 * Property names are not validated as JMS identifiers: AMQP clients other than JMS set application properties
 * such as {@code trace-id}, which Qpid would otherwise hide from {@code getPropertyNames()} and refuse to set
 * on a dead-letter copy.
 *
 * @param url              Qpid connection URI, e.g. {@code amqp://127.0.0.1:5672}
 * @param userName         broker user
 * @param password         broker password; never part of {@link #toString()} or any log line
 * @param connectTimeoutMs how long to wait for the broker to accept a connection
 * @param sendTimeoutMs    how long a synchronous send waits for the broker's settlement
 * @param requestTimeoutMs how long session, link and other requests wait; also used as the close timeout
 */
public record ConnectionSettings(
        String url,
        String userName,
        String password,
        long connectTimeoutMs,
        long sendTimeoutMs,
        long requestTimeoutMs) {

    private static final Pattern SECRET_QUERY_OPTION = Pattern.compile("(?i)([?&][^=&]*password[^=&]*=)[^&]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");
    private static final Pattern QUERY = Pattern.compile("\\?[^)]*");

    public ConnectionSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("ConnectionUrl must not be empty");
        }
        requirePositive(connectTimeoutMs, "ConnectTimeout");
        requirePositive(sendTimeoutMs, "SendTimeout");
        requirePositive(requestTimeoutMs, "RequestTimeout");
    }

    /** A factory for outbound use, with Qpid's default prefetch. */
    public JmsConnectionFactory newConnectionFactory() {
        JmsConnectionFactory factory = new JmsConnectionFactory(userName, password, url);
        factory.setConnectTimeout(connectTimeoutMs);
        factory.setSendTimeout(sendTimeoutMs);
        factory.setRequestTimeout(requestTimeoutMs);
        factory.setCloseTimeout(requestTimeoutMs);
        factory.setReceiveLocalOnly(true);
        factory.setValidatePropertyNames(false);
        return factory;
    }

    /** A factory for consumers that grants the broker {@code prefetch} credits per consumer (at least 1). */
    public JmsConnectionFactory newConnectionFactory(int prefetch) {
        return newConnectionFactory(prefetch, Set.of());
    }

    /**
     * A factory for consumers that grants {@code prefetch} credits per consumer, and none to consumers of the
     * {@code probedAddresses}: those are attached only to learn that the queue exists, and must take nothing.
     * Its sends (dead letters, retry copies of a message) are synchronous whatever their delivery mode: each
     * returns only once the broker has the message, or fails after {@code SendTimeout}, because the message
     * they copy is acknowledged right after.
     */
    public JmsConnectionFactory newConnectionFactory(int prefetch, Set<String> probedAddresses) {
        if (prefetch < 1) {
            // A listening consumer without credit makes Qpid drain the link, which crashes a RabbitMQ 3.x channel.
            throw new IllegalArgumentException("prefetch must be at least 1, was " + prefetch);
        }
        JmsConnectionFactory factory = newConnectionFactory();
        factory.setForceSyncSend(true);
        factory.setPrefetchPolicy(new ConsumerPrefetch(prefetch, Set.copyOf(probedAddresses)));
        return factory;
    }

    /** The same timeouts for another user, for {@code createConnection(user, password)}. */
    public ConnectionSettings withCredentials(String otherUser, String otherPassword) {
        return withBroker(url, otherUser, otherPassword);
    }

    /**
     * The same timeouts for another broker and user, for {@code createConnection(url, user, password)}: every
     * connection gets them, whichever broker it goes to.
     */
    public ConnectionSettings withBroker(String otherUrl, String otherUser, String otherPassword) {
        return new ConnectionSettings(
                otherUrl, otherUser, otherPassword, connectTimeoutMs, sendTimeoutMs, requestTimeoutMs);
    }

    /**
     * The URL without any query options or user info, either of which may carry a password: for strings
     * that outlive a log line, such as {@code toString()} of a configuration object. In a failover URI a nested
     * query is cut up to the closing parenthesis, so the addresses listed after it go too: safe over complete.
     */
    public static String withoutQueryOrUserInfo(String url) {
        if (url == null) {
            return null;
        }
        return USER_INFO.matcher(QUERY.matcher(url).replaceAll("")).replaceAll("//");
    }

    /** The URL with any user info and password-like query options blanked, fit for a log line. */
    public String safeUrl() {
        return safeUrl(url);
    }

    /** {@code url} with any user info and password-like query options blanked; null stays null. */
    public static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String withoutUser = USER_INFO.matcher(url).replaceAll("//***@");
        return SECRET_QUERY_OPTION.matcher(withoutUser).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "ConnectionSettings[url=" + safeUrl() + ", userName=" + userName
                + ", connectTimeoutMs=" + connectTimeoutMs + ", sendTimeoutMs=" + sendTimeoutMs
                + ", requestTimeoutMs=" + requestTimeoutMs + "]";
    }

    /** Qpid's prefetch policy: the same credit for every consumer except the probes. Immutable. */
    private record ConsumerPrefetch(int prefetch, Set<String> probed) implements JmsPrefetchPolicy {
        @Override
        public JmsPrefetchPolicy copy() {
            return this;
        }

        @Override
        public int getConfiguredPrefetch(
                JmsSession session, JmsDestination destination, boolean durable, boolean browser) {
            return probed.contains(destination.getAddress()) ? 0 : prefetch;
        }
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be more than 0 ms, was " + value);
        }
    }
}
