package org.openaperture.jms.amqp;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;
import org.openaperture.jms.amqp.inbound.Activation;
import org.openaperture.jms.amqp.inbound.AmqpActivationSpec;

/**
 * Resource adapter for an AMQP 1.0 broker through Qpid JMS, configured per server with
 * {@code asadmin create-resource-adapter-config --property ConnectionUrl=...:UserName=... amqp-ra}.
 *
 * <p>Its properties are the defaults for every activation spec and managed connection factory that does not
 * set its own. It owns the threads that connect and reconnect the inbound activations, so that a broker that
 * is down never blocks or fails a deployment: a small scheduler (daemon threads {@code amqp-ra-N}) that only
 * keeps time, and a cached pool (daemon threads {@code amqp-ra-connect-N}) for the blocking work (connecting,
 * probing the error queue, closing), so that a slow broker answer for one activation never delays another.
 */
public class AmqpResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = System.getLogger(AmqpResourceAdapter.class.getName());
    private static final int SCHEDULER_THREADS = 2;

    private String connectionUrl = "amqp://127.0.0.1:5672";
    private String userName = "guest";
    private String password = "guest";
    private String addressDialect = AddressDialect.RABBITMQ3.configName();
    private Long connectTimeout = 10_000L;
    private Long sendTimeout = 10_000L;
    private Long requestTimeout = 10_000L;
    private Long reconnectDelay = 1_000L;
    private Integer maxDeliveryAttempts = 5;
    private Long redeliveryInitialDelay = 500L;
    private Double redeliveryMultiplier = 2.0;
    private Long redeliveryMaxDelay = 30_000L;
    private String failoverConnectionUrl;
    private String failoverUserName;
    private String failoverPassword;
    private Integer failoverAfterAttempts = 5;
    private Boolean failBack = false;
    private Long failBackInterval = 30_000L;
    private String unavailableExceptions = UnavailableExceptions.DEFAULT;

    private final Map<ActivationKey, Activation> activations = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;
    private volatile ExecutorService worker;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        checkConfiguration();
        scheduler = Executors.newScheduledThreadPool(SCHEDULER_THREADS, daemonThreads("amqp-ra-"));
        worker = Executors.newCachedThreadPool(daemonThreads("amqp-ra-connect-"));
        LOG.log(
                Level.INFO,
                "AMQP resource adapter started: {0}, address dialect {1}{2}",
                connectionSettings(),
                addressDialect,
                failoverConnectionUrl == null || failoverConnectionUrl.isBlank()
                        ? ""
                        : ", failover broker " + ConnectionSettings.safeUrl(failoverConnectionUrl.trim()));
    }

    @Override
    public void stop() {
        activations.values().forEach(Activation::stop);
        activations.clear();
        ScheduledExecutorService running = scheduler;
        if (running != null) {
            running.shutdownNow();
        }
        ExecutorService blocking = worker;
        if (blocking != null) {
            blocking.shutdownNow(); // interrupts connection attempts still waiting for the broker
        }
        LOG.log(Level.INFO, "AMQP resource adapter stopped");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        if (!(spec instanceof AmqpActivationSpec amqpSpec)) {
            throw new NotSupportedException("expected an " + AmqpActivationSpec.class.getName() + ", got "
                    + (spec == null ? "null" : spec.getClass().getName()));
        }
        if (!amqpSpec.isActive()) {
            LOG.log(Level.INFO, "activation switched off (active=false), nothing is consumed: {0}", amqpSpec);
            return;
        }
        ScheduledExecutorService running = scheduler;
        ExecutorService blocking = worker;
        if (running == null || running.isShutdown() || blocking == null || blocking.isShutdown()) {
            throw new ResourceAdapterInternalException("the AMQP resource adapter is not started");
        }
        Activation activation = Activation.create(endpointFactory, amqpSpec, this, running, blocking);
        activations.put(new ActivationKey(endpointFactory, spec), activation);
        activation.start();
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        Activation activation = activations.remove(new ActivationKey(endpointFactory, spec));
        if (activation != null) {
            activation.stop();
        }
    }

    /** No XA: the adapter supports no transactions (RabbitMQ's AMQP 1.0 plugin has none). */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null;
    }

    /** The adapter-wide broker settings, the fallback for activations and connection factories. */
    public ConnectionSettings connectionSettings() {
        return new ConnectionSettings(connectionUrl, userName, password, connectTimeout, sendTimeout, requestTimeout);
    }

    private void checkConfiguration() throws ResourceAdapterInternalException {
        try {
            connectionSettings();
            if (AddressDialect.fromConfig(addressDialect) == null) {
                throw new IllegalArgumentException(
                        "AddressDialect must be rabbitmq3 or rabbitmq4, was " + addressDialect);
            }
            if (failoverAfterAttempts == null || failoverAfterAttempts < 1) {
                throw new IllegalArgumentException(
                        "FailoverAfterAttempts must be at least 1, was " + failoverAfterAttempts);
            }
            if (failBackInterval == null || failBackInterval < AmqpActivationSpec.MIN_FAIL_BACK_INTERVAL_MS) {
                throw new IllegalArgumentException("FailBackInterval must be at least "
                        + AmqpActivationSpec.MIN_FAIL_BACK_INTERVAL_MS + " ms, was " + failBackInterval);
            }
            UnavailableExceptions.parse(unavailableExceptions, "UnavailableExceptions");
        } catch (IllegalArgumentException e) {
            throw new ResourceAdapterInternalException(
                    "invalid AMQP resource adapter configuration: " + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemonThreads(String namePrefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, namePrefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Identity of an activation: the container passes the same two objects to deactivate it. */
    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ActivationKey key && key.factory == factory && key.spec == spec;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(factory) * 31 + System.identityHashCode(spec);
        }
    }

    // ---- config properties (names as in ra.xml: ConnectionUrl, UserName, ...) ----

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

    public String getAddressDialect() {
        return addressDialect;
    }

    public void setAddressDialect(String addressDialect) {
        this.addressDialect = addressDialect;
    }

    public Long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Long getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Long sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(Long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
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

    public Long getFailBackInterval() {
        return failBackInterval;
    }

    public void setFailBackInterval(Long failBackInterval) {
        this.failBackInterval = failBackInterval;
    }

    /**
     * Comma-separated fully qualified names of exceptions that mean a dependency of the endpoint is down (see
     * {@link UnavailableExceptions}): a delivery failing with one in its cause chain is no delivery attempt.
     */
    public String getUnavailableExceptions() {
        return unavailableExceptions;
    }

    public void setUnavailableExceptions(String unavailableExceptions) {
        this.unavailableExceptions = unavailableExceptions;
    }

    /**
     * Identity, as the Connectors specification requires a resource adapter to declare (WildFly's archive validation
     * refuses one that does not): an adapter holds running activations and pools, so two instances are never the
     * same adapter, whatever their configuration.
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
