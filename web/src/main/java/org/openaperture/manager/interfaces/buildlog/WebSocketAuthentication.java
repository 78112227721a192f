package org.openaperture.manager.interfaces.buildlog;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.openaperture.common.domain.WireJson;
import org.openaperture.manager.interfaces.rest.Problem;
import org.openaperture.manager.interfaces.rest.Roles;

/**
 * Guards the WebSocket handshakes under {@code /ws/}: the caller must carry the API's bearer token, which the
 * server's MP-JWT mechanism has verified by now (a token it cannot verify never gets here: {@code 401}), in a
 * role that reads. Refusals are problem+json, as everywhere in the API.
 */
public class WebSocketAuthentication extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final Set<String> READERS = Set.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.MODULE);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() == null) {
            response.setHeader("WWW-Authenticate", "Bearer");
            refuse(
                    response,
                    401,
                    "Unauthorized",
                    "this endpoint needs a valid bearer token on the handshake: send"
                            + " 'Authorization: Bearer <token>' with a token signed by the key this server trusts");
            return;
        }
        if (READERS.stream().noneMatch(request::isUserInRole)) {
            refuse(
                    response,
                    403,
                    "Forbidden",
                    "the roles in your token do not allow this request; it needs one of: "
                            + String.join(", ", List.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.MODULE)));
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(WireJson.JSONB.toJson(new Problem("about:blank", title, status, detail, List.of())));
    }
}
