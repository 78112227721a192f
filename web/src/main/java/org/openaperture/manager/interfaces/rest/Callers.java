package org.openaperture.manager.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openaperture.identity.application.UserDirectory;
import org.openaperture.identity.domain.User;

/**
 * The user behind a request, from its token: subject, and email and name claims when present. Recorded on
 * first sight (so it can be assigned events); remembered here so later requests cost no query.
 */
@ApplicationScoped
public class Callers {
    private final Map<String, Long> known = new ConcurrentHashMap<>();

    @EJB
    UserDirectory users;

    /** The id of the calling user, recorded if new. */
    public long id(SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        if (principal == null || principal.getName() == null) {
            throw new NotAuthorizedException("Bearer");
        }
        String subject = principal.getName();
        return known.computeIfAbsent(subject, s -> {
            String email = null;
            String name = null;
            if (principal instanceof JsonWebToken token) {
                email = claim(token, "email");
                name = claim(token, "name");
            }
            return users.provision(s, email, name).id();
        });
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value == null ? null : value.toString();
    }

    /** What a caller can learn about itself. */
    public record Me(Long id, String subject, String email, String name) {
        static Me of(User u) {
            return new Me(u.id(), u.subject(), u.email(), u.name());
        }
    }
}
