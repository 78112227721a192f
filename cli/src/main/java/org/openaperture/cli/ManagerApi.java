package org.openaperture.cli;

import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The Manager's REST API over HTTP/1.1 with a bearer token. Error answers become {@link ApiException}; a Manager
 * that does not answer within the timeout becomes a {@link CliException} with {@link ExitCodes#UNREACHABLE}.
 */
final class ManagerApi {

    /** An answer that was not an error. */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonValue json() {
            return body == null || body.isBlank() ? JsonValue.NULL : JsonText.parse(body);
        }

        /** The last segment of {@code Location}: the id of what a POST created. */
        String createdId() {
            String location = headers.firstValue("Location").orElse("");
            String path = URI.create(location).getPath();
            if (path == null || path.isBlank()) {
                throw new CliException(ExitCodes.FAILED, "the Manager answered " + status + " without a Location");
            }
            return path.substring(path.replaceAll("/+$", "").lastIndexOf('/') + 1)
                    .replaceAll("/+$", "");
        }
    }

    private final String base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    ManagerApi(String url, String token, Duration timeout) {
        this.base = url.replaceAll("/+$", "");
        this.token = token;
        this.timeout = timeout;
        // HTTP/1.1: the Manager and the proxies in front of it speak it; h2c upgrades only add a round trip.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    String url() {
        return base;
    }

    JsonValue get(String path) {
        return get(path, Map.of());
    }

    JsonValue get(String path, Map<String, String> query) {
        return send("GET", path + query(query), null).json();
    }

    Reply post(String path, JsonValue body) {
        return send("POST", path, body);
    }

    Reply post(String path, Map<String, String> query, JsonValue body) {
        return send("POST", path + query(query), body);
    }

    private Reply send(String method, String path, JsonValue body) {
        HttpRequest.Builder request = request(path)
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw ApiException.of(response.statusCode(), response.body());
        }
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    /**
     * A server-sent event stream, open until the server or the caller closes it: only the connection is bounded
     * by the timeout, not the stream.
     */
    InputStream events(String path) {
        HttpRequest request =
                request(path).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            try (InputStream body = response.body()) {
                throw ApiException.of(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw ApiException.of(response.statusCode(), null);
            }
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "not a URL: " + base + path);
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new CliException(ExitCodes.USAGE, "not an http(s) URL: " + base);
        }
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + seconds());
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + seconds());
        } catch (ConnectException e) {
            throw unreachable(e.getMessage() == null ? "connection refused" : e.getMessage());
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted");
        }
    }

    private String seconds() {
        return timeout.toSeconds() + " s";
    }

    private CliException unreachable(String why) {
        return new CliException(ExitCodes.UNREACHABLE, "cannot reach " + base + ": " + why);
    }

    static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                params.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return params;
    }

    private static String query(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        query.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
