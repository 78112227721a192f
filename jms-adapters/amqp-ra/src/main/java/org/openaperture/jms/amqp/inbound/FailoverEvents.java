package org.openaperture.jms.amqp.inbound;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Lets an application see broker switches of the adapter's inbound activations without the adapter knowing the
 * application: register a listener for {@link FailoverEvent}s, and read {@link #activations()} for where every
 * activation consumes now.
 *
 * <pre>{@code
 * private FailoverEvents.Registration registration;
 *
 * @PostConstruct
 * void listen() {
 *     registration = FailoverEvents.addListener(event -> log.warning(event.queue() + " now on " + event.toUrl()));
 * }
 *
 * @PreDestroy
 * void stopListening() {
 *     registration.close();
 * }
 * }</pre>
 *
 * <p>The registry is static (one per deployed adapter: its classes are visible to applications on the same
 * server). Listeners are called one event at a time, in the order of the switches, on a thread of the adapter
 * ({@code amqp-ra-events}), never on a thread that connects or delivers: a slow listener delays only later
 * events. What a listener throws is logged and otherwise ignored. An application must remove its listener when
 * it is undeployed ({@link Registration#close()} or {@link #removeListener}), or the adapter keeps calling it.
 */
public final class FailoverEvents {

    private static final Logger LOG = System.getLogger(FailoverEvents.class.getName());
    private static final List<ListenerRegistration> LISTENERS = new CopyOnWriteArrayList<>();
    private static final Set<Activation> ACTIVATIONS = ConcurrentHashMap.newKeySet();
    /** One thread, in order; it ends when idle, so an undeployed adapter leaves no thread behind. */
    private static final ThreadPoolExecutor DISPATCHER = dispatcher();

    private FailoverEvents() {}

    /** A registered listener; {@link #close()} removes it. */
    public interface Registration extends AutoCloseable {
        /** Removes the listener; later events no longer reach it. Idempotent. */
        @Override
        void close();
    }

    /**
     * Calls {@code listener} with every later {@link FailoverEvent} of any activation of this adapter, until
     * removed. Adding the same listener twice registers it twice.
     */
    public static Registration addListener(Consumer<? super FailoverEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        ListenerRegistration registration = new ListenerRegistration(listener);
        LISTENERS.add(registration);
        return registration;
    }

    /** Removes every registration of {@code listener}; returns whether there was one. */
    public static boolean removeListener(Consumer<? super FailoverEvent> listener) {
        return LISTENERS.removeIf(registration -> registration.listener == listener);
    }

    /** Where every started, not yet stopped activation consumes now, ordered by queue. */
    public static List<ActivationStatus> activations() {
        return ACTIVATIONS.stream()
                .map(Activation::status)
                .sorted(Comparator.comparing(ActivationStatus::queue)
                        .thenComparing(status -> String.valueOf(status.activationName())))
                .toList();
    }

    static void register(Activation activation) {
        ACTIVATIONS.add(activation);
    }

    static void unregister(Activation activation) {
        ACTIVATIONS.remove(activation);
    }

    /** Hands the event to the listeners on the dispatcher thread, in order; never blocks the caller. */
    static void publish(FailoverEvent event) {
        if (LISTENERS.isEmpty()) {
            return;
        }
        try {
            DISPATCHER.execute(() -> LISTENERS.forEach(registration -> notify(registration, event)));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "could not pass on " + event.type() + " of queue " + event.queue() + ": " + e);
        }
    }

    private static void notify(ListenerRegistration registration, FailoverEvent event) {
        try {
            registration.listener.accept(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // an application's listener, maybe of an application being undeployed
            LOG.log(
                    Level.WARNING,
                    "a failover event listener failed on " + event.type() + " of queue " + event.queue() + ": "
                            + Failures.reason(e) + "; the adapter goes on");
        }
    }

    private static ThreadPoolExecutor dispatcher() {
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "amqp-ra-events");
                    thread.setDaemon(true);
                    // Not the context class loader of whichever thread happened to start it (maybe an application's).
                    thread.setContextClassLoader(FailoverEvents.class.getClassLoader());
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static final class ListenerRegistration implements Registration {
        private final Consumer<? super FailoverEvent> listener;

        private ListenerRegistration(Consumer<? super FailoverEvent> listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            LISTENERS.remove(this);
        }
    }
}
