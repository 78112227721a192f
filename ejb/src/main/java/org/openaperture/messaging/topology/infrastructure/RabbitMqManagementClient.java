package org.openaperture.messaging.topology.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.messaging.topology.application.BrokerManagement;
import org.openaperture.messaging.topology.application.BrokerManagementException;
import org.openaperture.messaging.topology.domain.Definitions;
import org.openaperture.messaging.topology.domain.Definitions.BindingDefinition;
import org.openaperture.messaging.topology.domain.Definitions.ExchangeDefinition;
import org.openaperture.messaging.topology.domain.Definitions.QueueDefinition;

/**
 * The RabbitMQ management HTTP API: {@code GET /api/definitions/{vhost}} to read, {@code PUT} exchanges and
 * queues and {@code POST} bindings to declare (RabbitMQ declares idempotently). HTTP/1.1 only: the management
 * plugin's HTTP/2 upgrade ends in {@code EOF reached while reading}. Every call is bounded by timeouts.
 */
@ApplicationScoped
public class RabbitMqManagementClient implements BrokerManagement {
    private static final Logger LOG = System.getLogger(RabbitMqManagementClient.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    @Inject
    @ConfigProperty(name = "openaperture.rabbitmq.management.url", defaultValue = "http://127.0.0.1:15672")
    String url;

    @Inject
    @ConfigProperty(name = "openaperture.rabbitmq.management.user", defaultValue = "guest")
    String user;

    @Inject
    @ConfigProperty(name = "openaperture.rabbitmq.management.password", defaultValue = "guest")
    String password;

    @Inject
    @ConfigProperty(name = "openaperture.rabbitmq.vhost", defaultValue = "/")
    String vhost;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    @Override
    public String vhost() {
        return vhost;
    }

    @Override
    public Definitions read() {
        return DefinitionsJson.parse(call("GET", "/api/definitions/" + encode(vhost), null), vhost);
    }

    @Override
    public void declare(Definitions definitions) {
        for (ExchangeDefinition e : definitions.exchanges()) {
            call("PUT", "/api/exchanges/" + encode(e.vhost()) + "/" + encode(e.name()), DefinitionsJson.declaration(e));
        }
        for (QueueDefinition q : definitions.queues()) {
            call("PUT", "/api/queues/" + encode(q.vhost()) + "/" + encode(q.name()), DefinitionsJson.declaration(q));
        }
        for (BindingDefinition b : definitions.bindings()) {
            String kind = BindingDefinition.EXCHANGE.equals(b.destinationType()) ? "e" : "q";
            call(
                    "POST",
                    "/api/bindings/" + encode(b.vhost()) + "/e/" + encode(b.source()) + "/" + kind + "/"
                            + encode(b.destination()),
                    DefinitionsJson.declaration(b));
        }
        LOG.log(
                Level.INFO,
                "declared on {0}: {1} exchanges, {2} queues, {3} bindings",
                base(),
                definitions.exchanges().size(),
                definitions.queues().size(),
                definitions.bindings().size());
    }

    private String call(String method, String path, JsonObject body) {
        String target = base() + path;
        HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", basicAuthorization())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new BrokerManagementException(
                    "the RabbitMQ management API at " + base() + " did not answer " + method + " " + path + " in time ("
                            + e.getMessage() + "); check openaperture.rabbitmq.management.url",
                    e);
        } catch (IOException e) {
            throw new BrokerManagementException(
                    "the RabbitMQ management API at " + base() + " cannot be reached (" + e
                            + "); check that the management plugin runs and openaperture.rabbitmq.management.url",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerManagementException("interrupted while calling " + target, e);
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new BrokerManagementException("the RabbitMQ management API at " + base() + " refuses user " + user
                    + ": check openaperture.rabbitmq.management.user and .password (guest only works from loopback)");
        }
        if (status >= 300) {
            String answer = response.body();
            throw new BrokerManagementException(
                    "the RabbitMQ management API at " + base() + " answered " + status + " to " + method + " " + path
                            + ": " + (answer.length() > 500 ? answer.substring(0, 500) : answer));
        }
        return response.body();
    }

    private String base() {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
