package org.openaperture.manager.interfaces.rest;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** The Location of a resource, relative to the API's base, e.g. {@code /messaging/brokers/17}. */
final class Locations {

    private Locations() {}

    static URI of(UriInfo uri, String template, Object... values) {
        return uri.getBaseUriBuilder().path(template).build(values);
    }
}
