package org.openaperture.buildlog.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.openaperture.buildlog.domain.BuildLog;

/**
 * Who watches which workflow's build log on this node, and handing them its lines as they arrive. A watcher
 * that fails to take lines (its connection is gone) is dropped. Lines for a workflow nobody watches here are
 * dropped too: build logs are live only, as in the original.
 */
@ApplicationScoped
public class BuildLogBroadcaster {
    private static final Logger LOG = System.getLogger(BuildLogBroadcaster.class.getName());

    /** Takes the lines of one workflow's log; throws when it cannot (and is then dropped). */
    @FunctionalInterface
    public interface Watcher {
        void take(BuildLog log);
    }

    /** Ends watching; closing twice is harmless. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Set<Entry>> watchers = new ConcurrentHashMap<>();

    /** Each subscription is its own entry, so one watcher may subscribe twice. */
    private final class Entry implements Subscription {
        private final String workflowId;
        private final Watcher watcher;

        Entry(String workflowId, Watcher watcher) {
            this.workflowId = workflowId;
            this.watcher = watcher;
        }

        @Override
        public void close() {
            watchers.computeIfPresent(workflowId, (id, entries) -> {
                entries.remove(this);
                return entries.isEmpty() ? null : entries;
            });
        }
    }

    public Subscription subscribe(String workflowId, Watcher watcher) {
        Entry entry = new Entry(Objects.requireNonNull(workflowId, "workflowId"), Objects.requireNonNull(watcher));
        watchers.compute(workflowId, (id, entries) -> {
            Set<Entry> set = entries == null ? new CopyOnWriteArraySet<>() : entries;
            set.add(entry);
            return set;
        });
        return entry;
    }

    /** Hands the lines to every watcher of the workflow; returns how many took them. */
    public int publish(BuildLog log) {
        int reached = 0;
        for (Entry entry : watchers.getOrDefault(log.workflowId(), Set.of())) {
            try {
                entry.watcher.take(log);
                reached++;
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "dropping a watcher of " + log.topic() + ": " + e);
                entry.close();
            }
        }
        return reached;
    }

    /** How many watch the workflow's log on this node. */
    public int watchers(String workflowId) {
        return watchers.getOrDefault(workflowId, Set.of()).size();
    }
}
