package org.openaperture.messaging.publish.domain;

import java.util.Objects;

/**
 * A message as every component sends it: a JSON body with the original field names, and beside it the
 * properties every message carries: a unique id (consumers use it to recognise a redelivery), its type and
 * the schema version of its body.
 */
public record Envelope(String messageId, String type, int schemaVersion, String body) {
    /** The schema version of the bodies this code writes. */
    public static final int CURRENT_SCHEMA = 1;

    public Envelope {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
    }

    public static Envelope of(String messageId, String type, String body) {
        return new Envelope(messageId, type, CURRENT_SCHEMA, body);
    }
}
