package org.openaperture.messaging.rpc.application;

import java.time.Duration;
import java.util.Objects;

/**
 * Who answers an RPC request: the component consuming logical queue {@code component} of an exchange (the
 * name is for messages a person reads).
 */
public record RpcTarget(long exchangeId, String exchangeName, String component) {

    public RpcTarget {
        Objects.requireNonNull(exchangeName, "exchangeName");
        Objects.requireNonNull(component, "component");
    }

    /** {@code 30 s}, or {@code 1500 ms} when the duration is not whole seconds. */
    static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
