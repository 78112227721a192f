package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openaperture.testsupport.ApiClient;

/**
 * Every route of the Manager API against every role and no token: allowed (anything but 401/403), 401 or
 * 403, as {@code Roles} documents. Ids name nothing, so an allowed call changes nothing (404 or 400). The
 * same table checks that {@code /openapi} lists every route with its roles.
 */
class RoleMatrixIT {
    static final String VIEWER = "viewer";
    static final String OPERATOR = "operator";
    static final String ADMIN = "admin";
    static final String MODULE = "module";
    static final List<String> ROLES = List.of(VIEWER, OPERATOR, ADMIN, MODULE);
    static final Set<String> READ = Set.of(VIEWER, OPERATOR, ADMIN, MODULE);

    /** A route: method, template as in the OpenAPI document, a concrete path that names nothing, roles. */
    record Route(String method, String template, String path, Set<String> roles, String accept) {
        Route(String method, String template, String path, Set<String> roles) {
            this(method, template, path, roles, "application/json, application/problem+json");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    static final String ID = "987654321";
    static final String UUID_ID = UUID.randomUUID().toString();

    static final List<Route> ROUTES = List.of(
            route("GET", "/messaging/brokers", READ),
            route("POST", "/messaging/brokers", Set.of(ADMIN)),
            route("GET", "/messaging/brokers/{id}", READ),
            route("PUT", "/messaging/brokers/{id}", Set.of(ADMIN)),
            route("DELETE", "/messaging/brokers/{id}", Set.of(ADMIN)),
            route("GET", "/messaging/brokers/{id}/connections", READ),
            route("POST", "/messaging/brokers/{id}/connections", Set.of(ADMIN)),
            route("DELETE", "/messaging/brokers/{id}/connections", Set.of(ADMIN)),
            route("POST", "/messaging/broker_connections/reencrypt", Set.of(ADMIN)),
            route("GET", "/messaging/exchanges", READ),
            route("POST", "/messaging/exchanges", Set.of(ADMIN)),
            route("GET", "/messaging/exchanges/{id}", READ),
            route("PUT", "/messaging/exchanges/{id}", Set.of(ADMIN)),
            route("DELETE", "/messaging/exchanges/{id}", Set.of(ADMIN)),
            route("GET", "/messaging/exchanges/{id}/brokers", READ),
            route("POST", "/messaging/exchanges/{id}/brokers", Set.of(ADMIN)),
            route("DELETE", "/messaging/exchanges/{id}/brokers", Set.of(ADMIN)),
            route("GET", "/messaging/exchanges/{id}/modules", READ),
            route("POST", "/messaging/exchanges/{id}/modules", Set.of(MODULE, ADMIN)),
            route("GET", "/messaging/exchanges/{id}/modules/{hostname}", READ),
            route("DELETE", "/messaging/exchanges/{id}/modules/{hostname}", Set.of(MODULE, ADMIN)),
            route("GET", "/messaging/exchanges/{id}/system_components", READ),
            route("GET", "/messaging/exchanges/{id}/machines", READ),
            route("GET", "/messaging/rpc_requests", READ),
            route("POST", "/messaging/rpc_requests", Set.of(MODULE, ADMIN)),
            route("GET", "/messaging/rpc_requests/{id}", READ),
            route("PUT", "/messaging/rpc_requests/{id}", Set.of(MODULE, ADMIN)),
            route("DELETE", "/messaging/rpc_requests/{id}", Set.of(MODULE, ADMIN)),
            route("GET", "/system_components", READ),
            route("POST", "/system_components", Set.of(ADMIN)),
            route("GET", "/system_components/{id}", READ),
            route("PUT", "/system_components/{id}", Set.of(ADMIN, MODULE)),
            route("DELETE", "/system_components/{id}", Set.of(ADMIN)),
            route("POST", "/system_components/{id}/upgrade", Set.of(ADMIN)),
            route("GET", "/system_component_refs", READ),
            route("POST", "/system_component_refs", Set.of(ADMIN)),
            route("GET", "/system_component_refs/{type}", READ),
            route("PUT", "/system_component_refs/{type}", Set.of(ADMIN)),
            route("DELETE", "/system_component_refs/{type}", Set.of(ADMIN)),
            route("GET", "/system_events", READ),
            route("POST", "/system_events", Set.of(MODULE, ADMIN, OPERATOR)),
            route("GET", "/system_events/{id}", READ),
            route("POST", "/system_events/{id}/assign", Set.of(OPERATOR, ADMIN)),
            route("POST", "/system_events/{id}/dismiss", Set.of(OPERATOR, ADMIN)),
            route("GET", "/workflows", READ),
            route("POST", "/workflows", Set.of(OPERATOR, ADMIN)),
            route("GET", "/workflows/{id}", READ),
            route("PUT", "/workflows/{id}", Set.of(MODULE, ADMIN)),
            route("DELETE", "/workflows/{id}", Set.of(ADMIN)),
            route("POST", "/workflows/{id}/execute", Set.of(OPERATOR, ADMIN)),
            // A stream: negotiated by Accept before roles are checked, so the request asks for events.
            accepting(route("GET", "/workflows/{id}/build_logs", READ), "text/event-stream"),
            route("POST", "/workflows/{id}/retry", Set.of(OPERATOR, ADMIN)),
            route("POST", "/workflows/{id}/cancel", Set.of(OPERATOR, ADMIN)),
            route("GET", "/messaging/topology", READ),
            route("GET", "/messaging/topology/drift", READ),
            // A root that names nothing: the admin call is allowed (404) and applies nothing to the shared broker.
            withQuery(route("POST", "/messaging/topology/apply", Set.of(ADMIN)), "root_exchange=no-such-root"),
            route("GET", "/users/me", READ));

    static Route route(String method, String template, Set<String> roles) {
        String id = template.startsWith("/workflows") ? UUID_ID : ID;
        String path = template.replace("{id}", id)
                .replace("{hostname}", "no-such-host")
                .replace("{type}", "no-such-type-" + UUID.randomUUID());
        return new Route(method, template, path, roles);
    }

    static Route withQuery(Route route, String query) {
        return new Route(route.method(), route.template(), route.path() + "?" + query, route.roles(), route.accept());
    }

    static Route accepting(Route route, String accept) {
        return new Route(route.method(), route.template(), route.path(), route.roles(), accept);
    }

    /** POST and PUT send an empty object: allowed callers get a 4xx for it and nothing is stored. */
    private static ApiClient.Reply call(ApiClient client, Route route) {
        boolean withBody = route.method().equals("POST") || route.method().equals("PUT");
        return client.send(route.method(), route.path(), "application/json", withBody ? "{}" : null, route.accept());
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersEachRoleAsDesigned() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : ROUTES) {
            tests.add(DynamicTest.dynamicTest(route + " without a token: 401", () -> {
                ApiClient.Reply reply = call(Server.API, route);
                assertEquals(401, reply.status(), reply.toString());
                assertTrue(reply.contentType().startsWith("application/problem+json"), reply.toString());
            }));
            for (String role : ROLES) {
                boolean allowed = route.roles().contains(role);
                tests.add(DynamicTest.dynamicTest(route + " as " + role + ": " + (allowed ? "allowed" : "403"), () -> {
                    ApiClient.Reply reply = call(Server.API.as(role), route);
                    if (allowed) {
                        assertTrue(reply.status() != 401 && reply.status() != 403, reply.toString());
                        assertTrue(reply.status() < 500, reply.toString());
                    } else {
                        assertEquals(403, reply.status(), reply.toString());
                        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.toString());
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void theOpenApiDocumentListsEveryRouteWithItsRoles() {
        ApiClient.Reply reply = openapiJson();
        assertEquals(200, reply.status(), reply.toString());
        JsonObject paths =
                Json.createReader(new StringReader(reply.body())).readObject().getJsonObject("paths");
        assertNotNull(paths, "the document has paths");
        for (Route route : ROUTES) {
            JsonObject item = paths.getJsonObject(route.template());
            assertNotNull(item, "/openapi lists " + route.template());
            JsonObject operation = item.getJsonObject(route.method().toLowerCase());
            assertNotNull(operation, "/openapi lists " + route);
            Set<String> roles = operation.getJsonArray("x-roles").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .collect(Collectors.toSet());
            assertEquals(route.roles(), roles, route + " roles in /openapi");
        }
    }

    private static ApiClient.Reply openapiJson() {
        return Server.API.send("GET", "/openapi?format=JSON", null, null);
    }
}
