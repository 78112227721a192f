package org.openaperture.common.domain;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code Json.createReader}, {@code Json.createObjectBuilder} and the like
 * look the provider up on every call, which on an application server means a service-loader scan of the
 * application's class loaders: a fifth of a node's CPU while it records heartbeats. Use {@link #JSON} instead.
 */
public final class JsonProviders {
    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonProviders() {}
}
