package org.openaperture.manager.interfaces.rest;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.messaging.registry.domain.Broker;
import org.openaperture.messaging.registry.domain.BrokerConnection;

/** The JSON of brokers and broker connections, in and out. */
public final class BrokerJson {

    private BrokerJson() {}

    public record BrokerRequest(@NotBlank @Size(max = 255) String name, @Positive Long failoverBrokerId) {}

    public record BrokerResponse(Long id, String name, Long failoverBrokerId, String insertedAt, String updatedAt) {
        public static BrokerResponse of(Broker b) {
            return new BrokerResponse(
                    b.id(),
                    b.name(),
                    b.failoverBrokerId(),
                    Timestamps.rfc1123(b.insertedAt()),
                    Timestamps.rfc1123(b.updatedAt()));
        }
    }

    public record ConnectionRequest(
            @NotBlank @Size(max = 255) String username,
            @NotBlank @Size(max = 1024) String password,
            @NotBlank @Size(max = 255) String host,
            @Min(1) @Max(65535) Integer port,
            @Size(min = 1, max = 255) String virtualHost) {}

    /**
     * A connection; {@code password} (plain text) only for callers that may see it, i.e. modules. For everyone
     * else the field is absent, not null: a null would look like a connection without a password.
     */
    public record ConnectionResponse(
            Long id,
            Long messagingBrokerId,
            String username,
            @JsonbNillable(false) String password,
            String host,
            Integer port,
            String virtualHost,
            String insertedAt,
            String updatedAt) {
        /** Without the password. */
        public static ConnectionResponse of(BrokerConnection c) {
            return of(c, null);
        }

        /** With the given plain-text password, for a caller allowed to see it. */
        public static ConnectionResponse of(BrokerConnection c, String password) {
            return new ConnectionResponse(
                    c.id(),
                    c.brokerId(),
                    c.username(),
                    password,
                    c.host(),
                    c.port(),
                    c.virtualHost(),
                    Timestamps.rfc1123(c.insertedAt()),
                    Timestamps.rfc1123(c.updatedAt()));
        }
    }
}
