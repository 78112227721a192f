package org.openaperture.manager.interfaces.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The error page of the web module (see web.xml): errors that escape JAX-RS (the container's own 404s, a
 * failure before a resource is reached) are answered as problem+json too, never as the server's HTML
 * report with exception names. This includes the 401 that Payara's MP-JWT mechanism sends by itself for a
 * token it cannot verify, before JAX-RS is reached.
 */
@WebServlet("/__error")
public class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Status known = Status.fromStatusCode(status);
        String detail = detail(status, known);
        if (status == 401) {
            // The container's own 401s may challenge for Basic (they did while MP-JWT was not active):
            // this API takes bearer tokens only, and a client must never be asked for a password.
            response.setHeader("WWW-Authenticate", Problem.BEARER_CHALLENGE);
        }
        Problem problem = new Problem(
                "about:blank", known == null ? "Error" : known.getReasonPhrase(), status, detail, List.of());
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JsonbProvider.JSONB.toJson(problem));
    }

    private static String detail(int status, Status known) {
        if (status >= 500) {
            return "an unexpected error occurred; the server log has the details";
        }
        if (status == 401) {
            return Problem.UNAUTHORIZED_DETAIL;
        }
        return known == null ? "the request failed" : known.getReasonPhrase().toLowerCase();
    }
}
