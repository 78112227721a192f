package org.openaperture.notifications.infrastructure;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.application.IsoDurations;
import org.openaperture.notifications.application.ChatSender;
import org.openaperture.notifications.application.NotificationDeliveryException;

/**
 * Posts {@code {"text": "..."}} to an incoming webhook: the payload Slack, Mattermost and Microsoft Teams
 * incoming webhooks all accept. Any 2xx is success; any other status, a timeout
 * ({@code openaperture.notifications.chat.timeout}, for connecting and for the whole answer) or no connection is a
 * {@link NotificationDeliveryException} naming the webhook by scheme and host only: the rest of its URL is its
 * secret.
 */
@ApplicationScoped
public class WebhookChatSender implements ChatSender {
    private Duration timeout;
    private HttpClient client;

    @Inject
    public WebhookChatSender(
            @ConfigProperty(name = "openaperture.notifications.chat.timeout", defaultValue = "PT10S") String timeout) {
        this(IsoDurations.positive("openaperture.notifications.chat.timeout", timeout, "PT10S"));
    }

    WebhookChatSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** For CDI's proxy only. */
    protected WebhookChatSender() {}

    @Override
    public void post(URI webhook, String text) {
        String payload = JSON.createObjectBuilder().add("text", text).build().toString();
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new NotificationDeliveryException(
                    "chat webhook " + safe(webhook) + " did not answer within " + timeout, e);
        } catch (IOException e) {
            throw new NotificationDeliveryException("chat webhook " + safe(webhook) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationDeliveryException("interrupted while posting to chat webhook " + safe(webhook), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new NotificationDeliveryException("chat webhook " + safe(webhook) + " answered "
                    + response.statusCode() + ": " + abbreviate(response.body()));
        }
    }

    /** {@code https://hooks.slack.com}: what a log line may say about a webhook. */
    static String safe(URI webhook) {
        return webhook.getScheme() + "://" + webhook.getHost() + (webhook.getPort() < 0 ? "" : ":" + webhook.getPort());
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
