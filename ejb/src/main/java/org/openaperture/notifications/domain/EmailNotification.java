package org.openaperture.notifications.domain;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.openaperture.common.domain.InvalidRequestException;

/**
 * An email from the {@code notifications_email} queue:
 * {@code {"prefix": "<subject>", "message": "<plain-text body>", "notifications": {"email_addresses": [...]}}}.
 * Only addresses of the form {@code local@domain.tld} (a TLD of 2 to 4 letters, the original's rule) are
 * kept; a notification with none left is refused.
 */
public record EmailNotification(String subject, String body, List<String> addresses) {
    static final String WHAT = "email notification";
    public static final String NO_VALID_ADDRESSES = "No valid email addresses detected";
    private static final Pattern ADDRESS = Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,4}$");

    public EmailNotification {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new InvalidRequestException("notifications.email_addresses", NO_VALID_ADDRESSES);
        }
    }

    public static EmailNotification parse(String body) {
        JsonObject json = NotificationPayloads.object(body, WHAT);
        String subject = NotificationPayloads.optionalString(json, "prefix", WHAT);
        String message = NotificationPayloads.optionalString(json, "message", WHAT);
        if (message == null) {
            throw new InvalidRequestException("message", WHAT + " has no message");
        }
        JsonObject notifications = NotificationPayloads.optionalObject(json, "notifications", WHAT);
        List<String> addresses = validAddresses(NotificationPayloads.strings(notifications, "email_addresses", WHAT));
        return new EmailNotification(subject == null ? "" : subject, message, addresses);
    }

    /** The addresses that pass the filter, trimmed, in their order, without repeats. */
    public static List<String> validAddresses(List<String> candidates) {
        return candidates.stream()
                .filter(Objects::nonNull)
                .map(String::trim)
                .filter(address -> ADDRESS.matcher(address).matches())
                .distinct()
                .toList();
    }
}
