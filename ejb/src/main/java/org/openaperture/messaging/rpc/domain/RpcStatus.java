package org.openaperture.messaging.rpc.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an RPC request stands. The requester creates it {@code not_started}; the responder answers it
 * {@code completed} or {@code error}. {@code in_progress} is the requester's own state while it waits
 * (the original never stored it). Stored and sent as the lowercase name.
 */
public enum RpcStatus {
    NOT_STARTED,
    IN_PROGRESS,
    COMPLETED,
    ERROR;

    /** {@code not_started}, {@code completed}, ... as in the rows and messages. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the responder has answered: nothing will change the request any more. */
    public boolean answered() {
        return this == COMPLETED || this == ERROR;
    }

    /** The status written as {@code status}, if it is one of the four. */
    public static Optional<RpcStatus> of(String status) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(status)).findFirst();
    }
}
