package org.openaperture.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bearer tokens for the Manager API as an identity provider would issue them: MicroProfile JWTs signed RS256,
 * with {@code iss}, {@code sub}, {@code upn}, {@code groups} (the roles), {@code iat}, {@code exp} and
 * {@code jti}. JDK only, so any test can mint one. The signing key is the PKCS#8 PEM file named by the system
 * property {@code it.jwt.private.key} (the build makes it with {@code bin/lib/ensure-jwt-keys.sh}); the issuer
 * is {@code it.jwt.issuer}, by default {@code openaperture} like the server's.
 */
public final class Tokens {
    /** How long {@link #mint} tokens stay valid: longer than any test run. */
    public static final Duration VALIDITY = Duration.ofHours(2);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    private static volatile PrivateKey configuredKey;

    private Tokens() {}

    /** A valid token for {@code subject} in {@code groups}, from the configured key and issuer. */
    public static String mint(String subject, String... groups) {
        Instant now = Instant.now();
        return sign(configuredKey(), issuer(), subject, now, now.plus(VALIDITY), groups);
    }

    /** A token that was valid for an hour and expired an hour ago; correctly signed otherwise. */
    public static String expired(String subject, String... groups) {
        Instant now = Instant.now();
        return sign(
                configuredKey(),
                issuer(),
                subject,
                now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)),
                groups);
    }

    /** A valid token in every respect except that it names another issuer. */
    public static String withIssuer(String issuer, String subject, String... groups) {
        Instant now = Instant.now();
        return sign(configuredKey(), issuer, subject, now, now.plus(VALIDITY), groups);
    }

    /** A token signed by a key the server has never seen: a forgery. */
    public static String signedByUnknownKey(String subject, String... groups) {
        Instant now = Instant.now();
        return sign(newKey(), issuer(), subject, now, now.plus(VALIDITY), groups);
    }

    /** The general case: every claim given. */
    public static String sign(
            PrivateKey key, String issuer, String subject, Instant issuedAt, Instant expiresAt, String... groups) {
        Objects.requireNonNull(key, "key");
        String payload = "{\"iss\":" + json(issuer)
                + ",\"sub\":" + json(subject)
                + ",\"upn\":" + json(subject)
                + ",\"groups\":" + List.of(groups).stream().map(Tokens::json).collect(Collectors.joining(",", "[", "]"))
                + ",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + expiresAt.getEpochSecond()
                + ",\"jti\":" + json(UUID.randomUUID().toString())
                + "}";
        String signingInput = base64url(HEADER) + "." + base64url(payload);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }

    /** Reads an RSA private key from a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}). */
    public static PrivateKey readPrivateKey(Path pem) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the token signing key " + pem + ": " + e, e);
        }
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalStateException(
                    pem + " is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----); make one with"
                            + " bin/lib/ensure-jwt-keys.sh");
        }
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(pem + " does not hold an RSA private key: " + e.getMessage(), e);
        }
    }

    private static PrivateKey configuredKey() {
        PrivateKey key = configuredKey;
        if (key == null) {
            String path = System.getProperty("it.jwt.private.key");
            if (path == null || path.isBlank()) {
                throw new IllegalStateException(
                        "system property it.jwt.private.key must name the PEM private key that signs test tokens");
            }
            key = readPrivateKey(Path.of(path));
            configuredKey = key;
        }
        return key;
    }

    private static String issuer() {
        return System.getProperty("it.jwt.issuer", "openaperture");
    }

    private static PrivateKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64url(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal; only what a claim value can hold needs escaping. */
    static String json(String value) {
        Objects.requireNonNull(value, "claim value");
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
