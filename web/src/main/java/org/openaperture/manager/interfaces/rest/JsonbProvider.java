package org.openaperture.manager.interfaces.rest;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.openaperture.common.domain.WireJson;

/**
 * JSON as the original API spoke it: snake_case field names ({@code failover_broker_id}) and explicit
 * nulls, so a client sees every field of a resource.
 */
@Provider
public class JsonbProvider implements ContextResolver<Jsonb> {
    static final Jsonb JSONB = WireJson.JSONB;

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
