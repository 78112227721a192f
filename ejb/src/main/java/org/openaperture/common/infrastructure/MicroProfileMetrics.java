package org.openaperture.common.infrastructure;

import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@link AppMetrics} on MicroProfile Metrics. Deliberately not a CDI bean: this class is loaded only when the
 * server offers the Metrics API.
 */
final class MicroProfileMetrics {
    private final MetricRegistry registry;

    MicroProfileMetrics(Object registry) {
        this.registry = (MetricRegistry) registry;
    }

    void time(String name, String description, Duration took, String... tags) {
        registry.timer(metadata(name, description), tags(tags)).update(took);
    }

    void count(String name, String description, String... tags) {
        registry.counter(metadata(name, description), tags(tags)).inc();
    }

    private static Metadata metadata(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    private static Tag[] tags(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("tags come as name, value pairs");
        }
        Tag[] tags = new Tag[pairs.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(pairs[2 * i], pairs[2 * i + 1]);
        }
        return tags;
    }
}
