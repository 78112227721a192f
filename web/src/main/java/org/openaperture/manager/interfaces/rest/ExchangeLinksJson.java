package org.openaperture.manager.interfaces.rest;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.io.StringReader;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.messaging.registry.domain.ExchangeBrokerRestriction;
import org.openaperture.messaging.registry.domain.ModuleReport;

/** The JSON of what hangs off an exchange: broker restrictions and module registrations. */
public final class ExchangeLinksJson {

    private ExchangeLinksJson() {}

    public record RestrictionRequest(@NotNull @Positive Long messagingBrokerId) {}

    public record RestrictionResponse(
            Long id, Long messagingExchangeId, Long messagingBrokerId, String insertedAt, String updatedAt) {
        static RestrictionResponse of(ExchangeBrokerRestriction r) {
            return new RestrictionResponse(
                    r.id(),
                    r.exchangeId(),
                    r.brokerId(),
                    Timestamps.rfc1123(r.insertedAt()),
                    Timestamps.rfc1123(r.updatedAt()));
        }
    }

    /** A module registering itself (or a heartbeat through the API). */
    public record ModuleRequest(
            @NotBlank @Size(max = 255) String hostname,
            @NotBlank @Size(max = 255) String type,
            @NotBlank @Size(max = 255) String status,
            @NotNull JsonValue workload,
            @Size(max = 128) String sourceRepo,
            @Size(max = 256) String sourceRepoGitRef,
            @Size(max = 128) String deploymentRepo,
            @Size(max = 256) String deploymentRepoGitRef) {

        ModuleReport report() {
            return new ModuleReport(
                    hostname,
                    type,
                    status,
                    JsonText.write(normalised(workload)),
                    sourceRepo,
                    sourceRepoGitRef,
                    deploymentRepo,
                    deploymentRepoGitRef);
        }

        /** Some clients send the workload already encoded as a JSON string: decode it rather than nest it. */
        static JsonValue normalised(JsonValue workload) {
            if (workload instanceof JsonString text) {
                try (var reader = JSON.createReader(new StringReader(text.getString()))) {
                    return reader.readValue();
                } catch (RuntimeException notJson) {
                    return workload;
                }
            }
            return workload;
        }
    }
}
