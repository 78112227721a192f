package org.openaperture.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server checks in a token: the RS256 signature over header and payload, and the claims. */
class TokensTest {
    private static KeyPair keys;

    @BeforeAll
    static void keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @Test
    void aTokenIsSignedRs256OverItsHeaderAndPayloadAndCarriesEveryClaimTheServerNeeds() throws Exception {
        Instant issued = Instant.ofEpochSecond(1_800_000_000L);

        String token = Tokens.sign(
                keys.getPrivate(), "openaperture", "it-admin", issued, issued.plusSeconds(60), "admin", "viewer");

        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, token);
        JsonObject header = decode(parts[0]);
        assertEquals("RS256", header.getString("alg"));
        assertEquals("JWT", header.getString("typ"));
        JsonObject claims = decode(parts[1]);
        assertEquals("openaperture", claims.getString("iss"));
        assertEquals("it-admin", claims.getString("sub"));
        assertEquals("it-admin", claims.getString("upn"));
        assertEquals(Json.createArrayBuilder().add("admin").add("viewer").build(), claims.getJsonArray("groups"));
        assertEquals(1_800_000_000L, claims.getJsonNumber("iat").longValue());
        assertEquals(1_800_000_060L, claims.getJsonNumber("exp").longValue());
        assertFalse(claims.getString("jti").isBlank());
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "signature verifies with the public key");
        assertFalse(token.contains("="), "base64url without padding");
    }

    @Test
    void everyTokenHasItsOwnId() {
        Instant now = Instant.now();
        String one = Tokens.sign(keys.getPrivate(), "openaperture", "a", now, now.plusSeconds(60), "viewer");
        String two = Tokens.sign(keys.getPrivate(), "openaperture", "a", now, now.plusSeconds(60), "viewer");

        assertFalse(decode(one.split("\\.")[1])
                .getString("jti")
                .equals(decode(two.split("\\.")[1]).getString("jti")));
    }

    @Test
    void quotesBackslashesAndControlCharactersInClaimsStayInsideTheirJsonString() {
        Instant now = Instant.now();
        String subject = "o\"brien\\\n";

        String token = Tokens.sign(keys.getPrivate(), "iss", subject, now, now.plusSeconds(60), "viewer");

        assertEquals(subject, decode(token.split("\\.")[1]).getString("sub"));
    }

    @Test
    void aPkcs8PemFileAsOpensslWritesItIsRead(@TempDir Path dir) throws Exception {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded());
        Path pem = Files.writeString(
                dir.resolve("jwt-private.pem"),
                "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");

        assertEquals(keys.getPrivate(), Tokens.readPrivateKey(pem));
    }

    @Test
    void aFileThatIsNotAPkcs8PrivateKeySaysHowToMakeOne(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("jwt-public.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Tokens.readPrivateKey(pem));

        assertTrue(refused.getMessage().contains("ensure-jwt-keys.sh"), refused.getMessage());
    }

    private static JsonObject decode(String part) {
        String json = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }
}
