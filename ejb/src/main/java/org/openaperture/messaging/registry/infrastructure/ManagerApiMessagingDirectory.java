package org.openaperture.messaging.registry.infrastructure;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.registry.application.MessagingDirectory;
import org.openaperture.messaging.registry.application.MessagingDirectoryException;
import org.openaperture.messaging.registry.domain.Broker;
import org.openaperture.messaging.registry.domain.ConnectionOptions;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Route;

/**
 * The messaging model of a worker node: read from the Manager's REST API with a module token (a module
 * token is what makes the API return connection passwords) and kept for a while (5 minutes by default, as
 * the original). Each answer is kept for the TTL from when it was read. Only answers are kept: an exchange
 * or broker the Manager does not know is an error naming it every time, never an empty entry (the original
 * cached an empty exchange for 5 minutes).
 */
public class ManagerApiMessagingDirectory implements MessagingDirectory {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private record Cached(Object value, Instant readAt) {}

    private final URI manager;
    private final String token;
    private final Duration ttl;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param manager the Manager's base URL, e.g. {@code https://manager.example.com/}
     * @param token a bearer token in role {@code module}
     */
    public ManagerApiMessagingDirectory(URI manager, String token, Duration ttl, Clock clock) {
        String base = Objects.requireNonNull(manager, "manager").toString();
        this.manager = URI.create(base.endsWith("/") ? base : base + "/");
        this.token = Objects.requireNonNull(token, "token");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        // The Manager may sit behind anything; HTTP/1.1 avoids the JDK client's h2c upgrade surprises.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    @Override
    public List<DirectoryExchange> exchanges() {
        return cached("messaging/exchanges", null, null, json -> json.asJsonArray().stream()
                .map(v -> exchange(v.asJsonObject()))
                .toList());
    }

    @Override
    public DirectoryExchange exchange(long id) {
        return cached("messaging/exchanges/" + id, Exchange.KIND, id, json -> exchange(json.asJsonObject()));
    }

    @Override
    public DirectoryBroker broker(long id) {
        return cached("messaging/brokers/" + id, Broker.KIND, id, json -> {
            JsonObject b = json.asJsonObject();
            return new DirectoryBroker(
                    b.getJsonNumber("id").longValue(), b.getString("name"), optionalLong(b, "failover_broker_id"));
        });
    }

    @Override
    public List<ConnectionOptions> connections(long brokerId) {
        return cached(
                "messaging/brokers/" + brokerId + "/connections",
                Broker.KIND,
                brokerId,
                json -> json.asJsonArray().stream()
                        .map(v -> connection(v.asJsonObject()))
                        .toList());
    }

    @Override
    public List<BrokerRestriction> restrictions(long exchangeId) {
        return cached(
                "messaging/exchanges/" + exchangeId + "/brokers",
                Exchange.KIND,
                exchangeId,
                json -> json.asJsonArray().stream()
                        .map(JsonValue::asJsonObject)
                        .map(r -> new BrokerRestriction(
                                r.getJsonNumber("id").longValue(),
                                r.getJsonNumber("messaging_exchange_id").longValue(),
                                r.getJsonNumber("messaging_broker_id").longValue()))
                        .toList());
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String path, String kind, Object id, Function<JsonStructure, T> read) {
        Instant now = clock.instant();
        Cached hit = cache.get(path);
        if (hit != null && now.isBefore(hit.readAt().plus(ttl))) {
            return (T) hit.value();
        }
        T value = read.apply(get(path, kind, id));
        cache.put(path, new Cached(value, now));
        return value;
    }

    private JsonStructure get(String path, String kind, Object id) {
        URI uri = manager.resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MessagingDirectoryException("cannot read " + uri + " from the Manager: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingDirectoryException("interrupted while reading " + uri + " from the Manager", e);
        }
        if (response.statusCode() == 404 && kind != null) {
            throw new UnknownEntityException(kind, id);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new MessagingDirectoryException("the Manager refused " + uri + " (" + response.statusCode()
                    + "): openaperture.manager.token must be a valid token in role module");
        }
        if (response.statusCode() != 200) {
            throw new MessagingDirectoryException("the Manager answered " + response.statusCode() + " to GET " + uri);
        }
        try (JsonReader reader = JSON.createReader(new StringReader(response.body()))) {
            return reader.read();
        } catch (JsonException e) {
            throw new MessagingDirectoryException("the Manager's answer to GET " + uri + " is not JSON", e);
        }
    }

    private static DirectoryExchange exchange(JsonObject e) {
        return new DirectoryExchange(
                e.getJsonNumber("id").longValue(),
                e.getString("name"),
                new Route(e.getString("routing_key", ""), e.getString("root_exchange_name")),
                optionalLong(e, "failover_exchange_id"));
    }

    private static ConnectionOptions connection(JsonObject c) {
        long id = c.getJsonNumber("id").longValue();
        long brokerId = c.getJsonNumber("messaging_broker_id").longValue();
        if (!c.containsKey("password") || c.isNull("password")) {
            throw new MessagingDirectoryException("the Manager sent connection " + id + " of broker " + brokerId
                    + " without its password: openaperture.manager.token must be a token in role module");
        }
        return new ConnectionOptions(
                id,
                brokerId,
                c.getString("host"),
                optionalLong(c, "port") == null ? null : c.getInt("port"),
                c.getString("virtual_host", null),
                c.getString("username"),
                c.getString("password"));
    }

    private static Long optionalLong(JsonObject o, String field) {
        return !o.containsKey(field) || o.isNull(field)
                ? null
                : o.getJsonNumber(field).longValue();
    }
}
