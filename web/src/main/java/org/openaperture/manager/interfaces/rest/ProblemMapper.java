package org.openaperture.manager.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.openaperture.common.application.SecretCipherException;
import org.openaperture.common.domain.DuplicateEntityException;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.common.domain.NodeNotReadyException;
import org.openaperture.common.domain.StateConflictException;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.rpc.application.RpcFailedException;
import org.openaperture.messaging.rpc.application.RpcTimeoutException;
import org.openaperture.messaging.topology.application.BrokerManagementException;

/**
 * Every error of the API as {@code application/problem+json}: what was wrong, in words a person can act
 * on. Exceptions may arrive wrapped (by the transaction interceptor, by JAX-RS), so the cause chain is
 * searched. Anything unforeseen is a 500 that carries a reference to the log line, never a stack trace.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = System.getLogger(ProblemMapper.class.getName());
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String DATA_EXCEPTION_CLASS = "22";
    private static final String PROGRAM_LIMIT_EXCEEDED = "54000";

    /** The matched resource method, so that a 403 can name the roles it needs. */
    @Context
    ResourceInfo resource;

    /** Who called: a request without a caller that is refused needs a token (401), not other roles (403). */
    @Context
    SecurityContext security;

    @Override
    public Response toResponse(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            Response known = known(t);
            if (known != null) {
                return known;
            }
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.ERROR, "unexpected error, reference " + reference, thrown);
        return Problem.response(
                Status.INTERNAL_SERVER_ERROR,
                "an unexpected error occurred; the server log has the details under reference " + reference);
    }

    private Response known(Throwable t) {
        if (t instanceof InvalidInputException invalid) {
            return Problem.response(Status.BAD_REQUEST, invalid.getMessage(), invalid.errors());
        }
        if (t instanceof InvalidRequestException invalid) {
            return Problem.response(
                    Status.BAD_REQUEST,
                    invalid.getMessage(),
                    List.of(new FieldError(invalid.field(), invalid.getMessage())));
        }
        if (t instanceof UnknownEntityException unknown) {
            return Problem.response(Status.NOT_FOUND, unknown.getMessage());
        }
        if (t instanceof DuplicateEntityException duplicate) {
            return Problem.response(Status.CONFLICT, duplicate.getMessage());
        }
        if (t instanceof StateConflictException conflict) {
            return Problem.response(Status.CONFLICT, conflict.getMessage());
        }
        if (t instanceof NodeNotReadyException notReady) {
            return Problem.response(Status.SERVICE_UNAVAILABLE, notReady.getMessage());
        }
        if (t instanceof BrokerManagementException broker) {
            // The message names the management URL and what to check, never a password.
            LOG.log(Level.WARNING, broker.getMessage());
            return Problem.response(Status.BAD_GATEWAY, broker.getMessage());
        }
        if (t instanceof RpcTimeoutException timeout) {
            return Problem.response(Status.GATEWAY_TIMEOUT, timeout.getMessage());
        }
        if (t instanceof RpcFailedException failed) {
            return Problem.response(
                    Status.BAD_GATEWAY,
                    failed.getMessage(),
                    failed.reasons().stream()
                            .map(reason -> new FieldError(null, reason))
                            .toList());
        }
        if (t instanceof SecretCipherException secrets) {
            // A server configuration problem an operator must fix; the message names the setting, never a key.
            LOG.log(Level.ERROR, secrets.getMessage());
            return Problem.response(Status.INTERNAL_SERVER_ERROR, secrets.getMessage());
        }
        if (t instanceof JsonException || t instanceof JsonbException) {
            return Problem.response(Status.BAD_REQUEST, "request body is not valid JSON: " + t.getMessage());
        }
        if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
            return Problem.response(Status.CONFLICT, "the change conflicts with an existing entry; reload and retry");
        }
        if (t instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
            return Problem.response(Status.CONFLICT, "the change refers to, or is referred to by, another entry");
        }
        if (t instanceof SQLException sql
                && sql.getSQLState() != null
                && (sql.getSQLState().startsWith(DATA_EXCEPTION_CLASS)
                        || PROGRAM_LIMIT_EXCEEDED.equals(sql.getSQLState()))) {
            return Problem.response(Status.BAD_REQUEST, "a value cannot be stored as given (too long or malformed)");
        }
        if (t instanceof WebApplicationException web) {
            return fromJaxRs(web);
        }
        return null;
    }

    private Response fromJaxRs(WebApplicationException web) {
        Response.StatusType status = web.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return null;
        }
        // WildFly lets a request without a token reach the resource and refuses it there, as a 403.
        boolean anonymous = security == null || security.getUserPrincipal() == null;
        if (status.getStatusCode() == 401 || (status.getStatusCode() == 403 && anonymous)) {
            status = Status.UNAUTHORIZED;
            return Response.fromResponse(Problem.response(status, Problem.UNAUTHORIZED_DETAIL))
                    .header(HttpHeaders.WWW_AUTHENTICATE, Problem.BEARER_CHALLENGE)
                    .build();
        }
        if (status.getStatusCode() == 403) {
            return Problem.response(status, forbidden());
        }
        String detail =
                switch (status.getStatusCode()) {
                    case 404 -> "no such resource";
                    case 405 -> "this method is not allowed here";
                    case 406 -> "this resource answers with application/json only";
                    case 415 -> "send the request body as application/json";
                    default -> web.getMessage();
                };
        if (web.getCause() instanceof JsonException || web.getCause() instanceof JsonbException) {
            detail = "request body is not valid JSON: " + web.getCause().getMessage();
        }
        return Problem.response(status, detail);
    }

    private String forbidden() {
        Method method = resource == null ? null : resource.getResourceMethod();
        RolesAllowed allowed = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (allowed == null && method != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null
                ? "the roles in your token do not allow this request"
                : "the roles in your token do not allow this request; it needs one of: "
                        + String.join(", ", allowed.value());
    }
}
