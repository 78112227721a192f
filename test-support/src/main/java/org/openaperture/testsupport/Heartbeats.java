package org.openaperture.testsupport;

import jakarta.json.Json;

/** Module heartbeats as components publish them to {@code system_modules}. */
public final class Heartbeats {

    private Heartbeats() {}

    /** A status heartbeat of an active builder with an empty workload. */
    public static String status(String hostname) {
        return status(hostname, "builder");
    }

    /** A status heartbeat of an active module of {@code type} with an empty workload. */
    public static String status(String hostname, String type) {
        return Json.createObjectBuilder()
                .add("event_type", "status")
                .add("hostname", hostname)
                .add("type", type)
                .add("status", "active")
                .add("workload", Json.createArrayBuilder())
                .build()
                .toString();
    }
}
