package org.openaperture.manager.interfaces.buildlog;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openaperture.buildlog.application.BuildLogBroadcaster;
import org.openaperture.buildlog.domain.BuildLog;

/**
 * The open SSE streams of build logs. Each gets event {@code build_log} with data {@code {"logs":[...]}} per
 * batch of lines. A client that goes away is only noticed when something is written to it, so every open
 * stream gets a comment every {@link #KEEP_ALIVE}: that also keeps proxies from closing a quiet stream.
 */
@ApplicationScoped
public class BuildLogStreams {
    private static final Logger LOG = System.getLogger(BuildLogStreams.class.getName());
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    @Inject
    BuildLogBroadcaster broadcaster;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> keepAlive;

    @PostConstruct
    void start() {
        keepAlive = scheduler.scheduleWithFixedDelay(
                this::keepAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        keepAlive.cancel(false);
        open.forEach(Stream::close);
    }

    /** Streams the workflow's lines to {@code sink} until the client goes away. */
    public void open(String workflowId, SseEventSink sink, Sse sse) {
        Stream stream = new Stream(sink, sse);
        open.add(stream);
        stream.subscription = broadcaster.subscribe(
                workflowId,
                log -> stream.send(sse.newEventBuilder()
                        .name(BuildLogFrames.BUILD_LOG)
                        .data(String.class, BuildLogFrames.payload(log).toString())
                        .build()));
        // Written once the subscription is in place: a client that waits for it misses no line.
        stream.send(sse.newEventBuilder()
                .comment("watching " + BuildLog.topicOf(workflowId))
                .build());
    }

    int openStreams() {
        return open.size();
    }

    private void keepAlive() {
        for (Stream stream : open) {
            try {
                stream.send(stream.sse.newEventBuilder().comment("keep-alive").build());
            } catch (RuntimeException e) {
                stream.close();
            }
        }
    }

    private final class Stream {
        private final SseEventSink sink;
        private final Sse sse;
        private volatile BuildLogBroadcaster.Subscription subscription;

        Stream(SseEventSink sink, Sse sse) {
            this.sink = sink;
            this.sse = sse;
        }

        /** Throws when the client is gone, which ends the stream (the broadcaster drops it too). */
        void send(OutboundSseEvent event) {
            if (sink.isClosed()) {
                close();
                throw new IllegalStateException("the stream is closed");
            }
            sink.send(event).whenComplete((sent, failure) -> {
                if (failure != null) {
                    LOG.log(Level.DEBUG, "build-log stream ended: " + failure);
                    close();
                }
            });
        }

        void close() {
            open.remove(this);
            if (subscription != null) {
                subscription.close();
            }
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "closing a build-log stream: " + e);
            }
        }
    }
}
