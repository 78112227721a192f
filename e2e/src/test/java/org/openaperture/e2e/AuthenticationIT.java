package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient;
import org.openaperture.testsupport.ApiClient.Reply;
import org.openaperture.testsupport.Tokens;

/**
 * Bearer tokens on the Manager API: no token or a token the server cannot trust is a 401 that asks for a
 * bearer token; a trusted token without the route's role is a 403; health needs no token. Every refusal is
 * problem+json and gives nothing away.
 */
class AuthenticationIT {
    private static final String BROKERS = "/messaging/brokers";

    @Test
    void withoutATokenAProtectedRouteAnswers401AskingForABearerToken() {
        Reply refused = Server.API.get(BROKERS);

        assertUnauthorized(refused);
    }

    @Test
    void aTokenThatIsNotAJwtAnswers401() {
        assertUnauthorized(Server.API.withToken("not-a-jwt").get(BROKERS));
    }

    @Test
    void anExpiredTokenAnswers401() {
        assertUnauthorized(
                Server.API.withToken(Tokens.expired("it-admin", "admin")).get(BROKERS));
    }

    @Test
    void aTokenFromAnotherIssuerAnswers401() {
        assertUnauthorized(Server.API
                .withToken(Tokens.withIssuer("https://elsewhere.example", "it-admin", "admin"))
                .get(BROKERS));
    }

    @Test
    void aTokenSignedByAnUnknownKeyAnswers401() {
        assertUnauthorized(Server.API
                .withToken(Tokens.signedByUnknownKey("it-admin", "admin"))
                .get(BROKERS));
    }

    @Test
    void aViewerMayReadButNotCreateABroker() {
        Reply read = Server.VIEWER.get(BROKERS);
        assertEquals(200, read.status(), read.toString());

        Reply refused = Server.VIEWER.post(BROKERS, "{\"name\":\"viewer-broker-" + UUID.randomUUID() + "\"}");

        assertProblem(403, refused);
        assertTrue(refused.json().getString("detail").contains("admin"), "names the role needed: " + refused);
    }

    @Test
    void aTokenWithoutAnyRoleOfTheApiAnswers403() {
        ApiClient stranger = Server.API.withToken(Tokens.mint("it-stranger", "not-a-role"));

        assertProblem(403, stranger.get(BROKERS));
    }

    @Test
    void anAdminCreatesABroker() {
        Reply created = Server.ADMIN.post(BROKERS, "{\"name\":\"admin-broker-" + UUID.randomUUID() + "\"}");

        assertEquals(201, created.status(), created.toString());
        assertEquals(200, Server.VIEWER.get(BROKERS + "/" + created.createdId()).status());
    }

    @Test
    void healthAnswersWithoutAToken() {
        assertEquals(200, Server.HEALTH.get("/health/live").status());
        Reply ready = Server.HEALTH.get("/health/ready");
        assertEquals(200, ready.status(), ready.toString());
    }

    private static void assertUnauthorized(Reply reply) {
        assertProblem(401, reply);
        assertNotNull(reply.wwwAuthenticate(), "WWW-Authenticate: " + reply);
        assertTrue(reply.wwwAuthenticate().startsWith("Bearer"), "WWW-Authenticate: " + reply.wwwAuthenticate());
    }

    private static void assertProblem(int status, Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.toString());
        assertEquals(status, reply.json().getInt("status"), reply.toString());
        assertFalse(reply.json().getString("detail").isBlank(), reply.toString());
        assertFalse(reply.body().contains("Exception"), "no exception names: " + reply);
        assertFalse(reply.body().contains("Payara"), "no server details: " + reply);
    }
}
