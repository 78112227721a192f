package org.openaperture.notifications.infrastructure;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.openaperture.notifications.application.NotificationDeliveryException;

/**
 * The mail server: {@code openaperture.notifications.smtp.host}, {@code .port} (587), {@code .from},
 * {@code .username} and {@code .password} (authentication when a user name is set), {@code .starttls}
 * ({@code true}: STARTTLS is required, as the original always did) and {@code .timeout} (connect, read and
 * write, {@code PT30S}). {@link #toString()} leaves the password out.
 */
public record SmtpSettings(
        String host,
        int port,
        String from,
        Optional<String> username,
        Optional<String> password,
        boolean startTls,
        Duration timeout) {

    static final String PREFIX = "openaperture.notifications.smtp.";

    public static SmtpSettings from(Config config) {
        String host = config.getOptionalValue(PREFIX + "host", String.class)
                .filter(h -> !h.isBlank())
                .orElseThrow(() -> notConfigured("host"));
        String from = config.getOptionalValue(PREFIX + "from", String.class)
                .filter(f -> !f.isBlank())
                .orElseThrow(() -> notConfigured("from"));
        return new SmtpSettings(
                host.trim(),
                config.getOptionalValue(PREFIX + "port", Integer.class).orElse(587),
                from.trim(),
                config.getOptionalValue(PREFIX + "username", String.class).filter(u -> !u.isBlank()),
                config.getOptionalValue(PREFIX + "password", String.class),
                config.getOptionalValue(PREFIX + "starttls", Boolean.class).orElse(true),
                config.getOptionalValue(PREFIX + "timeout", String.class)
                        .map(Duration::parse)
                        .orElse(Duration.ofSeconds(30)));
    }

    private static NotificationDeliveryException notConfigured(String key) {
        return new NotificationDeliveryException(
                "the mail server is not configured: set " + PREFIX + key + " (see the README's Configuration)");
    }

    @Override
    public String toString() {
        return "smtp://" + host + ":" + port + " from " + from
                + username.map(u -> " as " + u).orElse("") + (startTls ? ", STARTTLS required" : ", no STARTTLS")
                + ", timeout " + timeout;
    }
}
