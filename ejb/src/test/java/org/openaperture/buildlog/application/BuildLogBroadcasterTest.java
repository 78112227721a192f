package org.openaperture.buildlog.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openaperture.buildlog.application.BuildLogBroadcaster.Subscription;
import org.openaperture.buildlog.domain.BuildLog;

class BuildLogBroadcasterTest {
    final BuildLogBroadcaster broadcaster = new BuildLogBroadcaster();
    final BuildLog w1 = new BuildLog("w1", List.of("a", "b"));

    @Test
    void everyWatcherOfTheWorkflowGetsItsLinesAndNobodyElse() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        List<String> other = new ArrayList<>();
        broadcaster.subscribe("w1", log -> first.addAll(log.logs()));
        broadcaster.subscribe("w1", log -> second.addAll(log.logs()));
        broadcaster.subscribe("w2", log -> other.addAll(log.logs()));

        assertEquals(2, broadcaster.publish(w1));

        assertEquals(List.of("a", "b"), first);
        assertEquals(List.of("a", "b"), second);
        assertEquals(List.of(), other);
    }

    @Test
    void linesNobodyWatchesAreDropped() {
        assertEquals(0, broadcaster.publish(w1));
    }

    @Test
    void aClosedSubscriptionGetsNothingMoreAndClosingTwiceIsHarmless() {
        List<String> got = new ArrayList<>();
        Subscription subscription = broadcaster.subscribe("w1", log -> got.addAll(log.logs()));
        subscription.close();
        subscription.close();

        broadcaster.publish(w1);

        assertEquals(List.of(), got);
        assertEquals(0, broadcaster.watchers("w1"));
    }

    @Test
    void aWatcherThatFailsIsDroppedAndTheOthersStillGetTheLines() {
        List<String> got = new ArrayList<>();
        broadcaster.subscribe("w1", log -> {
            throw new IllegalStateException("connection closed");
        });
        broadcaster.subscribe("w1", log -> got.addAll(log.logs()));

        assertEquals(1, broadcaster.publish(w1));
        assertEquals(1, broadcaster.watchers("w1"));
        assertEquals(List.of("a", "b"), got);
    }

    @Test
    void theSameWatcherSubscribedTwiceGetsTheLinesTwiceUntilEachIsClosed() {
        List<String> got = new ArrayList<>();
        BuildLogBroadcaster.Watcher watcher = log -> got.addAll(log.logs());
        Subscription one = broadcaster.subscribe("w1", watcher);
        broadcaster.subscribe("w1", watcher);
        one.close();

        broadcaster.publish(w1);

        assertEquals(List.of("a", "b"), got);
    }
}
