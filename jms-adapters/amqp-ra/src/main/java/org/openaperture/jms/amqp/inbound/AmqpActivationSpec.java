package org.openaperture.jms.amqp.inbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import org.openaperture.jms.amqp.AddressDialect;
import org.openaperture.jms.amqp.AmqpResourceAdapter;
import org.openaperture.jms.amqp.ConnectionSettings;
import org.openaperture.jms.amqp.RedeliveryPolicy;

/**
 * What a {@code jakarta.jms.MessageListener} endpoint (an MDB) consumes, set through its
 * {@code @ActivationConfigProperty}s. Only a destination is required: {@code destination} (a queue name,
 * turned into an address by the address dialect) or {@code destinationAddress} (a full AMQP address, which
 * wins). Every other property left unset falls back to the resource adapter's value.
 *
 * <p>{@code errorQueue} defaults to {@code <queue>_error}; a value starting with {@code /} is taken as a
 * full AMQP address.
 */
public class AmqpActivationSpec implements ActivationSpec {

    private static final int MAX_SESSIONS_LIMIT = 1_000;

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

    private ResourceAdapter resourceAdapter;

    /** Checks this spec on its own, against the adapter's values when associated, else its defaults. */
    @Override
    public void validate() throws InvalidPropertyException {
        resolve(resourceAdapter instanceof AmqpResourceAdapter ra ? ra : new AmqpResourceAdapter());
    }

    /** Applies the fallbacks to the adapter's values and checks every value. */
    InboundConfig resolve(AmqpResourceAdapter ra) throws InvalidPropertyException {
        AddressDialect dialect = dialect(ra);
        String queue = queueName();
        String source = isSet(destinationAddress) ? destinationAddress.trim() : dialect.queueSource(queue);
        String error = isSet(errorQueue) ? errorQueue.trim() : queue + "_error";
        String errorAddress = error.startsWith("/") ? error : dialect.queueTarget(error);
        if (errorAddress.equals(source)) {
            throw invalid("errorQueue must differ from the destination, or dead letters would come straight back");
        }
        int sessions = inRange("maxSessions", or(maxSessions, 1), 1, MAX_SESSIONS_LIMIT);
        int credit = inRange("prefetch", or(prefetch, 10), 1, Integer.MAX_VALUE);
        long reconnect = inRange("reconnectDelay", or(reconnectDelay, ra.getReconnectDelay()), 1L, Long.MAX_VALUE);
        return new InboundConfig(
                queue, source, error, errorAddress, connection(ra), sessions, credit, redelivery(ra), reconnect);
    }

    private AddressDialect dialect(AmqpResourceAdapter ra) throws InvalidPropertyException {
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

    private ConnectionSettings connection(AmqpResourceAdapter ra) throws InvalidPropertyException {
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

    private RedeliveryPolicy redelivery(AmqpResourceAdapter ra) throws InvalidPropertyException {
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

    /** Without the password, and without the URL's query and user info, where Qpid URLs may carry one. */
    @Override
    public String toString() {
        return "AmqpActivationSpec[destination=" + destination + ", destinationAddress=" + destinationAddress
                + ", connectionUrl=" + ConnectionSettings.withoutQueryOrUserInfo(connectionUrl) + ", userName="
                + userName + ", maxSessions=" + maxSessions
                + ", prefetch=" + prefetch + ", errorQueue=" + errorQueue + "]";
    }
}
