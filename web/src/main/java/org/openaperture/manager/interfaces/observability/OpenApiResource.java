package org.openaperture.manager.interfaces.observability;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /openapi}: the API's OpenAPI document, as JSON; open to anyone, like health. */
@Path("openapi")
@ApplicationScoped
@PermitAll
public class OpenApiResource {
    private volatile JsonObject document;

    @GET
    @Produces({MediaType.APPLICATION_JSON, "application/vnd.oai.openapi+json"})
    public JsonObject document() {
        if (document == null) {
            document = OpenApiDocument.build();
        }
        return document;
    }
}
