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
import org.openaperture.jms.amqp.settings.AdapterProperties;
import org.openaperture.jms.amqp.settings.AdapterSettings;
import org.openaperture.jms.amqp.settings.AddressDialect;
import org.openaperture.jms.amqp.settings.ConnectionSettings;
import org.openaperture.jms.amqp.settings.UnavailableExceptions;

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
public class AmqpResourceAdapter implements ResourceAdapter, AdapterSettings {

    private static final Logger LOG = System.getLogger(AmqpResourceAdapter.class.getName());
    private static final int SCHEDULER_THREADS = 2;

    private final AdapterProperties properties = new AdapterProperties();

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
                getAddressDialect(),
                getFailoverConnectionUrl() == null || getFailoverConnectionUrl().isBlank()
                        ? ""
                        : ", failover broker "
                                + ConnectionSettings.safeUrl(
                                        getFailoverConnectionUrl().trim()));
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
        if (amqpSpec.switchedOff()) {
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
    @Override
    public ConnectionSettings connectionSettings() {
        return properties.connectionSettings();
    }

    private void checkConfiguration() throws ResourceAdapterInternalException {
        try {
            connectionSettings();
            if (AddressDialect.fromConfig(properties.getAddressDialect()) == null) {
                throw new IllegalArgumentException(
                        "AddressDialect must be rabbitmq3 or rabbitmq4, was " + properties.getAddressDialect());
            }
            if (properties.getFailoverAfterAttempts() == null || properties.getFailoverAfterAttempts() < 1) {
                throw new IllegalArgumentException(
                        "FailoverAfterAttempts must be at least 1, was " + properties.getFailoverAfterAttempts());
            }
            if (properties.getFailBackInterval() == null
                    || properties.getFailBackInterval() < AmqpActivationSpec.MIN_FAIL_BACK_INTERVAL_MS) {
                throw new IllegalArgumentException(
                        "FailBackInterval must be at least " + AmqpActivationSpec.MIN_FAIL_BACK_INTERVAL_MS
                                + " ms, was " + properties.getFailBackInterval());
            }
            UnavailableExceptions.parse(properties.getUnavailableExceptions(), "UnavailableExceptions");
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

    // ---- config properties (names as in ra.xml: ConnectionUrl, UserName, ...), kept in AdapterProperties ----

    @Override
    public String getConnectionUrl() {
        return properties.getConnectionUrl();
    }

    public void setConnectionUrl(String connectionUrl) {
        properties.setConnectionUrl(connectionUrl);
    }

    @Override
    public String getUserName() {
        return properties.getUserName();
    }

    public void setUserName(String userName) {
        properties.setUserName(userName);
    }

    @Override
    public String getPassword() {
        return properties.getPassword();
    }

    public void setPassword(String password) {
        properties.setPassword(password);
    }

    @Override
    public String getAddressDialect() {
        return properties.getAddressDialect();
    }

    public void setAddressDialect(String addressDialect) {
        properties.setAddressDialect(addressDialect);
    }

    @Override
    public Long getConnectTimeout() {
        return properties.getConnectTimeout();
    }

    public void setConnectTimeout(Long connectTimeout) {
        properties.setConnectTimeout(connectTimeout);
    }

    @Override
    public Long getSendTimeout() {
        return properties.getSendTimeout();
    }

    public void setSendTimeout(Long sendTimeout) {
        properties.setSendTimeout(sendTimeout);
    }

    @Override
    public Long getRequestTimeout() {
        return properties.getRequestTimeout();
    }

    public void setRequestTimeout(Long requestTimeout) {
        properties.setRequestTimeout(requestTimeout);
    }

    @Override
    public Long getReconnectDelay() {
        return properties.getReconnectDelay();
    }

    public void setReconnectDelay(Long reconnectDelay) {
        properties.setReconnectDelay(reconnectDelay);
    }

    @Override
    public Integer getMaxDeliveryAttempts() {
        return properties.getMaxDeliveryAttempts();
    }

    public void setMaxDeliveryAttempts(Integer maxDeliveryAttempts) {
        properties.setMaxDeliveryAttempts(maxDeliveryAttempts);
    }

    @Override
    public Long getRedeliveryInitialDelay() {
        return properties.getRedeliveryInitialDelay();
    }

    public void setRedeliveryInitialDelay(Long redeliveryInitialDelay) {
        properties.setRedeliveryInitialDelay(redeliveryInitialDelay);
    }

    @Override
    public Double getRedeliveryMultiplier() {
        return properties.getRedeliveryMultiplier();
    }

    public void setRedeliveryMultiplier(Double redeliveryMultiplier) {
        properties.setRedeliveryMultiplier(redeliveryMultiplier);
    }

    @Override
    public Long getRedeliveryMaxDelay() {
        return properties.getRedeliveryMaxDelay();
    }

    public void setRedeliveryMaxDelay(Long redeliveryMaxDelay) {
        properties.setRedeliveryMaxDelay(redeliveryMaxDelay);
    }

    @Override
    public String getFailoverConnectionUrl() {
        return properties.getFailoverConnectionUrl();
    }

    public void setFailoverConnectionUrl(String failoverConnectionUrl) {
        properties.setFailoverConnectionUrl(failoverConnectionUrl);
    }

    @Override
    public String getFailoverUserName() {
        return properties.getFailoverUserName();
    }

    public void setFailoverUserName(String failoverUserName) {
        properties.setFailoverUserName(failoverUserName);
    }

    @Override
    public String getFailoverPassword() {
        return properties.getFailoverPassword();
    }

    public void setFailoverPassword(String failoverPassword) {
        properties.setFailoverPassword(failoverPassword);
    }

    @Override
    public Integer getFailoverAfterAttempts() {
        return properties.getFailoverAfterAttempts();
    }

    public void setFailoverAfterAttempts(Integer failoverAfterAttempts) {
        properties.setFailoverAfterAttempts(failoverAfterAttempts);
    }

    @Override
    public Boolean getFailBack() {
        return properties.getFailBack();
    }

    public void setFailBack(Boolean failBack) {
        properties.setFailBack(failBack);
    }

    @Override
    public Long getFailBackInterval() {
        return properties.getFailBackInterval();
    }

    public void setFailBackInterval(Long failBackInterval) {
        properties.setFailBackInterval(failBackInterval);
    }

    @Override
    public String getUnavailableExceptions() {
        return properties.getUnavailableExceptions();
    }

    public void setUnavailableExceptions(String unavailableExceptions) {
        properties.setUnavailableExceptions(unavailableExceptions);
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
