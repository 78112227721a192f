package org.openaperture.manager.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openaperture.common.domain.JsonLimits;

/**
 * Holds every request body to the API's limits before anything parses it: a body over the size limit is a 413,
 * a JSON document nested deeper than the depth limit a 400, each a problem that names the limit. Runs after
 * authentication, so a caller without a token learns nothing of the limits. The limits are the settings
 * {@code openaperture.api.max-body-bytes} and {@code openaperture.api.max-json-depth}.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class RequestLimits implements ContainerRequestFilter {
    private final JsonLimits limits = configured();

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return;
        }
        String declared = request.getLength() < 0 ? null : limits.sizeViolation(request.getLength());
        if (declared != null) {
            request.abortWith(Problem.response(Status.REQUEST_ENTITY_TOO_LARGE, declared));
            return;
        }
        // A body without a length (chunked) is read up to one byte over the limit, never further.
        byte[] body =
                request.getEntityStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
        if (body.length > limits.maxBytes()) {
            request.abortWith(Problem.response(
                    Status.REQUEST_ENTITY_TOO_LARGE,
                    "the body is larger than the limit of " + limits.maxBytes() + " bytes"));
            return;
        }
        String violation = limits.violation(body);
        if (violation != null) {
            request.abortWith(Problem.response(Status.BAD_REQUEST, violation));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    private static JsonLimits configured() {
        Config config = ConfigProvider.getConfig();
        return JsonLimits.configured(
                "openaperture.api", name -> config.getOptionalValue(name, String.class), JsonLimits.API);
    }
}
