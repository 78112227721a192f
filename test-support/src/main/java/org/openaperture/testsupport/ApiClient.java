package org.openaperture.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A small JSON client for the Manager API. Every call is bounded by a timeout. A new client sends no
 * token; {@link #withToken} and {@link #as} give clients that authenticate every request.
 */
public final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String JSON = "application/json, application/problem+json";
    private final HttpClient http;
    private final URI base;
    /** The bearer token of each request; null sends none. */
    private final Supplier<String> token;

    public ApiClient(String baseUrl) {
        this(
                URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/"),
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build(),
                null);
    }

    private ApiClient(URI base, HttpClient http, Supplier<String> token) {
        this.base = base;
        this.http = http;
        this.token = token;
    }

    /** A client for the same server that sends {@code Authorization: Bearer <token>} on every request. */
    public ApiClient withToken(String token) {
        Objects.requireNonNull(token, "token");
        return new ApiClient(base, http, () -> token);
    }

    /**
     * A client that acts in {@code role}: every request carries a fresh {@link Tokens#mint} token for subject
     * {@code it-<role>} in that group, so a long-lived client never sends an expired token.
     */
    public ApiClient as(String role) {
        Objects.requireNonNull(role, "role");
        return new ApiClient(base, http, () -> Tokens.mint("it-" + role, role));
    }

    /**
     * A response: status, content type, Location, {@code WWW-Authenticate}, and the body parsed as JSON when
     * there is one.
     */
    public record Reply(int status, String contentType, String location, String wwwAuthenticate, String body) {
        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public JsonArray array() {
            return Json.createReader(new StringReader(body)).readArray();
        }

        /** The id at the end of the Location header of a 201. */
        public long createdId() {
            return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    /** Creates an exchange, or finds it when it already exists (tests may share a database); returns its id. */
    public long ensureExchange(String name, String routingKeyFragment, Long parentId) {
        var request = Json.createObjectBuilder().add("name", name).add("routing_key_fragment", routingKeyFragment);
        if (parentId != null) {
            request.add("parent_exchange_id", parentId);
        }
        Reply created = post("/messaging/exchanges", request.build());
        if (created.status() == 201) {
            return created.createdId();
        }
        if (created.status() != 409) {
            throw new IllegalStateException("cannot create exchange " + name + ": " + created);
        }
        return get("/messaging/exchanges").array().getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("name").equals(name))
                .findFirst()
                .orElseThrow()
                .getJsonNumber("id")
                .longValue();
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply post(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public Reply post(String path, JsonValue json) {
        return post(path, json.toString());
    }

    public Reply put(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    public Reply put(String path, JsonValue json) {
        return put(path, json.toString());
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any request: a null body sends none, and then no content type either. */
    public Reply send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body, JSON);
    }

    /** Any request, accepting {@code accept} (e.g. {@code text/event-stream} for a stream route). */
    public Reply send(String method, String path, String contentType, String body, String accept) {
        HttpRequest.Builder builder = request(path, accept);
        if (body == null) {
            return send(builder.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        return send(
                builder.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        return request(path, JSON);
    }

    private HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(TIMEOUT)
                .header("Accept", accept);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token.get());
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    header(response, "Content-Type").orElse(""),
                    header(response, "Location").orElse(null),
                    header(response, "WWW-Authenticate").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }
}
