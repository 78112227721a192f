package org.openaperture.common.application;

import java.time.Duration;

/**
 * The application's timers and counters, as the use cases record them; where they go (MicroProfile Metrics, or
 * nowhere on a server without it) is the infrastructure's business. Tags are given as name, value pairs.
 */
public interface ApplicationMetrics {

    void time(String name, String description, Duration took, String... tags);

    void count(String name, String description, String... tags);
}
