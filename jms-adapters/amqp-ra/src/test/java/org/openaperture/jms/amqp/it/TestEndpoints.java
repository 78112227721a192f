package org.openaperture.jms.amqp.it;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;

/**
 * Stands in for the container's MDB machinery: each endpoint is a proxy implementing MessageEndpoint and
 * MessageListener that passes onMessage to the test's listener and records the lifecycle calls it gets.
 * It can also play a container that has no endpoint to give for a while (see {@link #unavailable}).
 */
final class TestEndpoints implements MessageEndpointFactory {

    private final MessageListener listener;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger createFailures = new AtomicInteger();
    private final AtomicInteger beforeDeliveryFailures = new AtomicInteger();
    /** Lifecycle calls per endpoint, e.g. "3:beforeDelivery". */
    final List<String> calls = new CopyOnWriteArrayList<>();

    TestEndpoints(MessageListener listener) {
        this.listener = listener;
    }

    /**
     * The next {@code createCalls} calls of createEndpoint throw UnavailableException (a starting or exhausted
     * MDB pool), and after them the next {@code beforeDeliveryCalls} calls of beforeDelivery throw.
     */
    TestEndpoints unavailable(int createCalls, int beforeDeliveryCalls) {
        createFailures.set(createCalls);
        beforeDeliveryFailures.set(beforeDeliveryCalls);
        return this;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
        if (createFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            calls.add("createEndpoint:unavailable");
            throw new UnavailableException("no MDB instance available (test)");
        }
        int id = created.incrementAndGet();
        return (MessageEndpoint) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, MessageListener.class},
                (proxy, method, args) -> invoke(id, method, args));
    }

    private Object invoke(int id, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "onMessage" -> {
                calls.add(id + ":onMessage");
                listener.onMessage((Message) args[0]);
                return null;
            }
            case "beforeDelivery" -> {
                calls.add(id + ":beforeDelivery");
                if (beforeDeliveryFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new UnavailableException("cannot begin the delivery (test)");
                }
                return null;
            }
            case "afterDelivery", "release" -> {
                calls.add(id + ":" + method.getName());
                return null;
            }
            case "equals" -> {
                return args[0] != null
                        && Proxy.isProxyClass(args[0].getClass())
                        && args[0].toString().equals("TestEndpoint-" + id);
            }
            case "hashCode" -> {
                return id;
            }
            case "toString" -> {
                return "TestEndpoint-" + id;
            }
            default -> throw new UnsupportedOperationException(method.getName());
        }
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
    }

    @Override
    public String getActivationName() {
        return "test-endpoint";
    }

    @Override
    public Class<?> getEndpointClass() {
        return MessageListener.class;
    }

    /** A bootstrap context with nothing in it: the adapter needs none of the container's services. */
    static BootstrapContext bootstrapContext() {
        return new BootstrapContext() {
            @Override
            public WorkManager getWorkManager() {
                return null;
            }

            @Override
            public XATerminator getXATerminator() {
                return null;
            }

            @Override
            public Timer createTimer() {
                return new Timer(true);
            }

            @Override
            public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
                return false;
            }

            @Override
            public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
                return null;
            }
        };
    }
}
