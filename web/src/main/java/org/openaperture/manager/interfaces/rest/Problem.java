package org.openaperture.manager.interfaces.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} extends the standard members with one entry per wrong field,
 * so a client can show each message next to its field.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The challenge of every 401: the API knows bearer tokens only (RFC 6750). */
    static final String BEARER_CHALLENGE = "Bearer";

    /** Why a 401 happened, without saying which check a token failed (the server log does at INFO). */
    static final String UNAUTHORIZED_DETAIL = "this route needs a valid bearer token: send 'Authorization: Bearer"
            + " <token>' with a token signed by the key this server trusts, naming its issuer, not expired";

    public static Response response(Response.StatusType status, String detail, List<FieldError> errors) {
        Problem problem = new Problem(
                "about:blank",
                status.getReasonPhrase(),
                status.getStatusCode(),
                detail,
                errors == null ? List.of() : errors);
        return Response.status(status.getStatusCode())
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(JsonbProvider.JSONB.toJson(problem))
                .build();
    }

    public static Response response(Response.StatusType status, String detail) {
        return response(status, detail, List.of());
    }
}
