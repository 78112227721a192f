package org.openaperture.jms.amqp.inbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.util.ArrayList;
import java.util.List;
import org.openaperture.jms.amqp.settings.AdapterProperties;
import org.openaperture.jms.amqp.settings.AdapterSettings;
import org.openaperture.jms.amqp.settings.AddressDialect;
import org.openaperture.jms.amqp.settings.ConnectionSettings;
import org.openaperture.jms.amqp.settings.RedeliveryPolicy;
import org.openaperture.jms.amqp.settings.UnavailableExceptions;

/**
 * What a {@code jakarta.jms.MessageListener} endpoint (an MDB) consumes, set through its
 * {@code @ActivationConfigProperty}s. Only a destination is required: {@code destination} (a queue name,
 * turned into an address by the address dialect) or {@code destinationAddress} (a full AMQP address, which
 * wins). Every other property left unset falls back to the resource adapter's value.
 *
 * <p>{@code errorQueue} defaults to {@code <queue>_error}; a value starting with {@code /} is taken as a
 * full AMQP address.
 *
 * <p>Failover: with a {@code failoverConnectionUrl} (or the adapter's {@code FailoverConnectionUrl}) the
 * activation switches to that broker after {@code failoverAfterAttempts} consecutive failed connection attempts,
 * and consumes {@code failoverDestination} (or {@code failoverDestinationAddress}; default: the same queue)
 * there, dead-lettering to {@code failoverErrorQueue}. With {@code failBack} it probes the primary every
 * {@code failBackInterval} ms and moves back once it answers. Without a failover broker, every failover property
 * set on the spec is an error: it would silently do nothing.
 *
 * <p>{@code active} ({@code true} by default) switches the activation off: with {@code false} the adapter
 * accepts the endpoint and consumes nothing, so one application can carry message-driven beans that only some
 * servers run (the value usually comes from configuration, e.g. {@code ${MPCONFIG=...}} on Payara).
 */
public class AmqpActivationSpec implements ActivationSpec {

    private static final int MAX_SESSIONS_LIMIT = 1_000;
    /** A probe is a whole connection attempt: more often than this would hammer a broker that is down. */
    public static final long MIN_FAIL_BACK_INTERVAL_MS = 100;

    private String destination;
    private String destinationAddress;
    private String addressDialect;
    private String connectionUrl;
    private String userName;
    private String password;
    private Integer maxSessions;
    private Integer prefetch;
    private Integer maxDeliveryAttempts;
    private Long redeliveryInitialDelay;
    private Double redeliveryMultiplier;
    private Long redeliveryMaxDelay;
    private String errorQueue;
    private Long reconnectDelay;
    private String failoverConnectionUrl;
    private String failoverUserName;
    private String failoverPassword;
    private String failoverDestination;
    private String failoverDestinationAddress;
    private String failoverErrorQueue;
    private Integer failoverAfterAttempts;
    private Boolean failBack;
    private Long failBackInterval;
    private Boolean active;
    private String unavailableExceptions;

    private ResourceAdapter resourceAdapter;

    /** Checks this spec on its own, against the adapter's values when associated, else its defaults. */
    @Override
    public void validate() throws InvalidPropertyException {
        resolve(resourceAdapter instanceof AdapterSettings ra ? ra : new AdapterProperties());
    }

    /** Applies the fallbacks to the adapter's values and checks every value. */
    InboundConfig resolve(AdapterSettings ra) throws InvalidPropertyException {
        AddressDialect dialect = dialect(ra);
        String queue = queueName();
        String source = isSet(destinationAddress) ? destinationAddress.trim() : dialect.queueSource(queue);
        String error = isSet(errorQueue) ? errorQueue.trim() : queue + "_error";
        String errorAddress = error.startsWith("/") ? error : dialect.queueTarget(error);
        if (errorAddress.equals(source)) {
            throw invalid("errorQueue must differ from the destination, or dead letters would come straight back");
        }
        BrokerQueue primary = new BrokerQueue(connection(ra), queue, source, error, errorAddress);
        int sessions = inRange("maxSessions", or(maxSessions, 1), 1, MAX_SESSIONS_LIMIT);
        int credit = inRange("prefetch", or(prefetch, 10), 1, Integer.MAX_VALUE);
        long reconnect = inRange("reconnectDelay", or(reconnectDelay, ra.getReconnectDelay()), 1L, Long.MAX_VALUE);
        int switchAfter = inRange(
                "failoverAfterAttempts",
                or(failoverAfterAttempts, ra.getFailoverAfterAttempts()),
                1,
                Integer.MAX_VALUE);
        long probeInterval = inRange(
                "failBackInterval",
                or(failBackInterval, ra.getFailBackInterval()),
                MIN_FAIL_BACK_INTERVAL_MS,
                Long.MAX_VALUE);
        return new InboundConfig(
                primary,
                failover(ra, dialect, primary),
                sessions,
                credit,
                redelivery(ra),
                reconnect,
                switchAfter,
                Boolean.TRUE.equals(or(failBack, ra.getFailBack())),
                probeInterval,
                unavailable(ra));
    }

    /**
     * The spec's list when set (it replaces the adapter's list, so name the defaults too to keep them), else the
     * adapter's; the SQLState 08 rule always applies.
     */
    private UnavailableExceptions unavailable(AdapterSettings ra) throws InvalidPropertyException {
        try {
            return isSet(unavailableExceptions)
                    ? UnavailableExceptions.parse(unavailableExceptions, "unavailableExceptions")
                    : UnavailableExceptions.parse(ra.getUnavailableExceptions(), "UnavailableExceptions");
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /**
     * The failover queue and broker, or null without a failover broker. Unset values follow the primary: the
     * same queue (and then the same error queue), the adapter's failover credentials, else the primary's.
     */
    private BrokerQueue failover(AdapterSettings ra, AddressDialect dialect, BrokerQueue primary)
            throws InvalidPropertyException {
        String url = or(failoverConnectionUrl, ra.getFailoverConnectionUrl());
        if (!isSet(url)) {
            requireNoFailoverProperties();
            return null;
        }
        ConnectionSettings settings;
        try {
            settings = primary.connection()
                    .withBroker(
                            url.trim(),
                            or(
                                    failoverUserName,
                                    or(
                                            ra.getFailoverUserName(),
                                            primary.connection().userName())),
                            or(
                                    failoverPassword,
                                    or(
                                            ra.getFailoverPassword(),
                                            primary.connection().password())));
        } catch (IllegalArgumentException e) {
            throw invalid("failover: " + e.getMessage());
        }
        String queue;
        String source;
        if (isSet(failoverDestinationAddress)) {
            source = failoverDestinationAddress.trim();
            String derived = AddressDialect.queueNameOf(source);
            if (derived.isEmpty() && !isSet(failoverErrorQueue)) {
                throw invalid("cannot name a failover error queue after failoverDestinationAddress "
                        + failoverDestinationAddress + ": set failoverErrorQueue");
            }
            queue = derived.isEmpty() ? source : derived;
        } else if (isSet(failoverDestination)) {
            queue = failoverDestination.trim();
            source = dialect.queueSource(queue);
        } else {
            queue = primary.queue();
            source = primary.sourceAddress();
        }
        boolean sameQueue = !isSet(failoverDestinationAddress) && !isSet(failoverDestination);
        String error = isSet(failoverErrorQueue)
                ? failoverErrorQueue.trim()
                : sameQueue ? primary.errorQueue() : queue + "_error";
        String errorAddress = error.startsWith("/") ? error : dialect.queueTarget(error);
        if (errorAddress.equals(source)) {
            throw invalid("failoverErrorQueue must differ from the failover destination, or dead letters would come"
                    + " straight back");
        }
        if (settings.url().equals(primary.connection().url()) && source.equals(primary.sourceAddress())) {
            throw invalid("the failover is the primary itself (" + settings.safeUrl() + ", " + source
                    + "): set failoverConnectionUrl to another broker, or failoverDestination to another queue");
        }
        return new BrokerQueue(settings, queue, source, error, errorAddress);
    }

    /**
     * Failover settings on a spec without a failover broker would do nothing: say so. The failover queue names
     * are the exception: a deployment descriptor names the queue to take on a failover broker for every server
     * it is deployed to, and only some of them have one (the resource adapter's FailoverConnectionUrl).
     */
    private void requireNoFailoverProperties() throws InvalidPropertyException {
        List<String> set = new ArrayList<>();
        addIfSet(set, "failoverUserName", failoverUserName);
        addIfSet(set, "failoverPassword", failoverPassword);
        addIfSet(set, "failoverAfterAttempts", failoverAfterAttempts);
        addIfSet(set, "failBack", failBack);
        addIfSet(set, "failBackInterval", failBackInterval);
        if (!set.isEmpty()) {
            throw invalid(String.join(", ", set) + " set without a failover broker: set failoverConnectionUrl (or"
                    + " the resource adapter's FailoverConnectionUrl), or remove "
                    + (set.size() == 1 ? "it" : "them"));
        }
    }

    private static void addIfSet(List<String> names, String name, Object value) {
        if (value instanceof String text ? isSet(text) : value != null) {
            names.add(name);
        }
    }

    private AddressDialect dialect(AdapterSettings ra) throws InvalidPropertyException {
        String name = isSet(addressDialect) ? addressDialect : ra.getAddressDialect();
        AddressDialect dialect = AddressDialect.fromConfig(name);
        if (dialect == null) {
            throw invalid("addressDialect must be rabbitmq3 or rabbitmq4, was " + name);
        }
        return dialect;
    }

    private String queueName() throws InvalidPropertyException {
        if (isSet(destinationAddress)) {
            String derived = AddressDialect.queueNameOf(destinationAddress.trim());
            if (derived.isEmpty() && !isSet(errorQueue)) {
                throw invalid("cannot name an error queue after destinationAddress " + destinationAddress
                        + ": set errorQueue");
            }
            return derived.isEmpty() ? destinationAddress.trim() : derived;
        }
        if (isSet(destination)) {
            return destination.trim();
        }
        throw invalid("no destination: set destination (a queue name) or destinationAddress"
                + " (a full AMQP address such as /amq/queue/orders)");
    }

    private ConnectionSettings connection(AdapterSettings ra) throws InvalidPropertyException {
        ConnectionSettings defaults = ra.connectionSettings();
        try {
            return new ConnectionSettings(
                    or(connectionUrl, defaults.url()),
                    or(userName, defaults.userName()),
                    or(password, defaults.password()),
                    defaults.connectTimeoutMs(),
                    defaults.sendTimeoutMs(),
                    defaults.requestTimeoutMs());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private RedeliveryPolicy redelivery(AdapterSettings ra) throws InvalidPropertyException {
        try {
            return new RedeliveryPolicy(
                    or(maxDeliveryAttempts, ra.getMaxDeliveryAttempts()),
                    or(redeliveryInitialDelay, ra.getRedeliveryInitialDelay()),
                    or(redeliveryMultiplier, ra.getRedeliveryMultiplier()),
                    or(redeliveryMaxDelay, ra.getRedeliveryMaxDelay()));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static <T extends Comparable<T>> T inRange(String name, T value, T min, T max)
            throws InvalidPropertyException {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static <T> T or(T value, T fallback) {
        return value instanceof String text && text.isBlank() || value == null ? fallback : value;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static InvalidPropertyException invalid(String message) {
        return new InvalidPropertyException("invalid AMQP activation: " + message);
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    // ---- activation config properties ----

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getDestinationAddress() {
        return destinationAddress;
    }

    public void setDestinationAddress(String destinationAddress) {
        this.destinationAddress = destinationAddress;
    }

    public String getAddressDialect() {
        return addressDialect;
    }

    public void setAddressDialect(String addressDialect) {
        this.addressDialect = addressDialect;
    }

    public String getConnectionUrl() {
        return connectionUrl;
    }

    public void setConnectionUrl(String connectionUrl) {
        this.connectionUrl = connectionUrl;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Integer getMaxSessions() {
        return maxSessions;
    }

    public void setMaxSessions(Integer maxSessions) {
        this.maxSessions = maxSessions;
    }

    public Integer getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(Integer prefetch) {
        this.prefetch = prefetch;
    }

    public Integer getMaxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    public void setMaxDeliveryAttempts(Integer maxDeliveryAttempts) {
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    public Long getRedeliveryInitialDelay() {
        return redeliveryInitialDelay;
    }

    public void setRedeliveryInitialDelay(Long redeliveryInitialDelay) {
        this.redeliveryInitialDelay = redeliveryInitialDelay;
    }

    public Double getRedeliveryMultiplier() {
        return redeliveryMultiplier;
    }

    public void setRedeliveryMultiplier(Double redeliveryMultiplier) {
        this.redeliveryMultiplier = redeliveryMultiplier;
    }

    public Long getRedeliveryMaxDelay() {
        return redeliveryMaxDelay;
    }

    public void setRedeliveryMaxDelay(Long redeliveryMaxDelay) {
        this.redeliveryMaxDelay = redeliveryMaxDelay;
    }

    public String getErrorQueue() {
        return errorQueue;
    }

    public void setErrorQueue(String errorQueue) {
        this.errorQueue = errorQueue;
    }

    public Long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(Long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public String getFailoverConnectionUrl() {
        return failoverConnectionUrl;
    }

    public void setFailoverConnectionUrl(String failoverConnectionUrl) {
        this.failoverConnectionUrl = failoverConnectionUrl;
    }

    public String getFailoverUserName() {
        return failoverUserName;
    }

    public void setFailoverUserName(String failoverUserName) {
        this.failoverUserName = failoverUserName;
    }

    public String getFailoverPassword() {
        return failoverPassword;
    }

    public void setFailoverPassword(String failoverPassword) {
        this.failoverPassword = failoverPassword;
    }

    public String getFailoverDestination() {
        return failoverDestination;
    }

    public void setFailoverDestination(String failoverDestination) {
        this.failoverDestination = failoverDestination;
    }

    public String getFailoverDestinationAddress() {
        return failoverDestinationAddress;
    }

    public void setFailoverDestinationAddress(String failoverDestinationAddress) {
        this.failoverDestinationAddress = failoverDestinationAddress;
    }

    public String getFailoverErrorQueue() {
        return failoverErrorQueue;
    }

    public void setFailoverErrorQueue(String failoverErrorQueue) {
        this.failoverErrorQueue = failoverErrorQueue;
    }

    public Integer getFailoverAfterAttempts() {
        return failoverAfterAttempts;
    }

    public void setFailoverAfterAttempts(Integer failoverAfterAttempts) {
        this.failoverAfterAttempts = failoverAfterAttempts;
    }

    public Boolean getFailBack() {
        return failBack;
    }

    public void setFailBack(Boolean failBack) {
        this.failBack = failBack;
    }

    /**
     * Whether this activation is switched off ({@code active=false}) and consumes nothing; unset is on. Not named
     * {@code isActive()}: beside {@code setActive(Boolean)} that would make {@code active} a read-only boolean
     * JavaBeans property, and WildFly, which sets activation properties through {@code java.beans}, would skip it.
     */
    public boolean switchedOff() {
        return Boolean.FALSE.equals(active);
    }

    public Boolean getActive() {
        return active;
    }

    public void setActive(Boolean active) {
        this.active = active;
    }

    public Long getFailBackInterval() {
        return failBackInterval;
    }

    public void setFailBackInterval(Long failBackInterval) {
        this.failBackInterval = failBackInterval;
    }

    public String getUnavailableExceptions() {
        return unavailableExceptions;
    }

    /**
     * Comma-separated fully qualified names of exceptions that mean a dependency of the endpoint is down; replaces
     * the resource adapter's {@code UnavailableExceptions}. A blank entry is refused by {@link #validate()}.
     */
    public void setUnavailableExceptions(String unavailableExceptions) {
        this.unavailableExceptions = unavailableExceptions;
    }

    /** Without the passwords, and without the URLs' query and user info, where Qpid URLs may carry one. */
    @Override
    public String toString() {
        return "AmqpActivationSpec[destination=" + destination + ", destinationAddress=" + destinationAddress
                + ", connectionUrl=" + ConnectionSettings.withoutQueryOrUserInfo(connectionUrl) + ", userName="
                + userName + ", maxSessions=" + maxSessions
                + ", prefetch=" + prefetch + ", errorQueue=" + errorQueue
                + ", failoverConnectionUrl=" + ConnectionSettings.withoutQueryOrUserInfo(failoverConnectionUrl)
                + ", failoverUserName=" + failoverUserName + ", failoverDestination=" + failoverDestination
                + ", failoverDestinationAddress=" + failoverDestinationAddress + ", failBack=" + failBack + ", active="
                + !switchedOff() + "]";
    }
}
