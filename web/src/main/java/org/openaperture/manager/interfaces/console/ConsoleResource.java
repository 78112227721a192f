package org.openaperture.manager.interfaces.console;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code GET /console/…}: the web console's files (the WAR's {@code console/} folder), open to anyone like
 * health: the pages hold nothing secret, and the API calls they make carry a token. The JAX-RS application
 * owns every path of the WAR, so the files are served here rather than by the container's default servlet.
 */
@Path("console")
@ApplicationScoped
@PermitAll
public class ConsoleResource {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    @Context
    ServletContext servletContext;

    /** {@code /console} and {@code /console/}: the page (its links are absolute, so either address works). */
    @GET
    public Response page() {
        return file("index.html");
    }

    @GET
    @Path("{file: .*}")
    public Response file(@PathParam("file") String file) {
        String name = file.isEmpty() ? "index.html" : file;
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        if (type == null || name.contains("..") || name.startsWith("/")) {
            throw new NotFoundException("no console file " + name);
        }
        InputStream in = servletContext.getResourceAsStream("/console/" + name);
        if (in == null) {
            throw new NotFoundException("no console file " + name);
        }
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true);
        return Response.ok(in, type)
                .cacheControl(noCache)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'")
                .build();
    }
}
