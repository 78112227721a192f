package org.openaperture.testsupport;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/** Module heartbeats as components publish them to {@code system_modules}. */
public final class Heartbeats {
    /** Looked up once: {@code Json.create…} looks the provider up on every call, a load generator's many. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private Heartbeats() {}

    /** A status heartbeat of an active builder with an empty workload. */
    public static String status(String hostname) {
        return status(hostname, "builder");
    }

    /** A status heartbeat of an active module of {@code type} with an empty workload. */
    public static String status(String hostname, String type) {
        return active(hostname, type).build().toString();
    }

    /** A status heartbeat of an active module of {@code type} with an empty workload, running {@code version}. */
    public static String status(String hostname, String type, String version) {
        return active(hostname, type).add("version", version).build().toString();
    }

    private static JsonObjectBuilder active(String hostname, String type) {
        return JSON.createObjectBuilder()
                .add("event_type", "status")
                .add("hostname", hostname)
                .add("type", type)
                .add("status", "active")
                .add("workload", JSON.createArrayBuilder());
    }
}
