package org.openaperture.common.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import java.io.StringReader;

/**
 * JSON as OpenAperture speaks it, on the REST API and in messages alike: snake_case field names
 * ({@code failover_broker_id}) and explicit nulls, so a reader sees every field.
 */
public final class WireJson {
    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(true));

    private WireJson() {}

    public static JsonObject toObject(Object value) {
        try (var reader = JSON.createReader(new StringReader(JSONB.toJson(value)))) {
            return reader.readObject();
        }
    }
}
