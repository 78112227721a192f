package org.openaperture.manager.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.SealedSecret;
import org.openaperture.messaging.registry.application.BrokerService;
import org.openaperture.messaging.registry.domain.BrokerConnection;

/**
 * Who sees a broker connection's password: callers in role {@code module} get it in plain text, every other
 * caller gets the connection without a {@code password} field. No token needed: the roles come from a stub
 * security context.
 */
class ConnectionPasswordsTest {
    private static final String PASSWORD = "s3cret-pw";

    @Test
    void aModuleGetsThePlainTextPassword() {
        JsonObject connection = connectionsAs(Roles.MODULE).getJsonObject(0);

        assertEquals(PASSWORD, connection.getString("password"));
        assertEquals("oa", connection.getString("username"));
    }

    @Test
    void everyOtherCallerGetsNoPasswordFieldAtAll() {
        for (String role : List.of(Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, "")) {
            JsonArray connections = connectionsAs(role);
            JsonObject connection = connections.getJsonObject(0);

            assertFalse(connection.containsKey("password"), role + ": " + connection);
            assertFalse(connections.toString().contains(PASSWORD), role);
            assertTrue(connection.containsKey("port") && connection.isNull("port"), "other nulls stay: " + connection);
        }
    }

    private static JsonArray connectionsAs(String role) {
        BrokerResource resource = new BrokerResource();
        resource.brokers = new OneConnection();
        resource.security = new StubSecurityContext(role.isEmpty() ? Set.of() : Set.of(role));
        String json = JsonbProvider.JSONB.toJson(resource.connections(1));
        return Json.createReader(new StringReader(json)).readArray();
    }

    /** A broker with one connection whose sealed password opens to {@link #PASSWORD}. */
    private static final class OneConnection extends BrokerService {
        private final BrokerConnection connection =
                new BrokerConnection(1, "oa", new SealedSecret("k1", "c2VhbGVk"), "127.0.0.1", null, "/");

        @Override
        public List<BrokerConnection> connections(long brokerId) {
            return List.of(connection);
        }

        @Override
        public String password(BrokerConnection c) {
            return PASSWORD;
        }
    }

    private record StubSecurityContext(Set<String> roles) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return roles.isEmpty() ? null : () -> "caller";
        }

        @Override
        public boolean isUserInRole(String role) {
            return roles.contains(role);
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    }
}
