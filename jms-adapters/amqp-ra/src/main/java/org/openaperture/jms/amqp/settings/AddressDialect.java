package org.openaperture.jms.amqp.settings;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How a broker spells AMQP 1.0 node addresses. RabbitMQ changed the scheme in 4.0, so the dialect is a
 * per-broker setting and the only place that knows either spelling.
 */
public enum AddressDialect {

    /** RabbitMQ 3.x AMQP 1.0 plugin: {@code /amq/queue/<q>}, {@code /exchange/<x>/<key>}; names verbatim. */
    RABBITMQ3("rabbitmq3", "/amq/queue/", "/exchange/") {
        @Override
        String segment(String name) {
            return name;
        }
    },

    /** RabbitMQ 4.x address v2: {@code /queues/<q>}, {@code /exchanges/<x>/<key>}; names percent-encoded. */
    RABBITMQ4("rabbitmq4", "/queues/", "/exchanges/") {
        @Override
        String segment(String name) {
            return percentEncode(name);
        }
    };

    private final String configName;
    private final String queuePrefix;
    private final String exchangePrefix;

    AddressDialect(String configName, String queuePrefix, String exchangePrefix) {
        this.configName = configName;
        this.queuePrefix = queuePrefix;
        this.exchangePrefix = exchangePrefix;
    }

    abstract String segment(String name);

    /** The value an operator types to choose this dialect, e.g. {@code rabbitmq3}. */
    public String configName() {
        return configName;
    }

    /** Address to consume from an existing queue. */
    public String queueSource(String queue) {
        return queuePrefix + segment(requireName(queue, "queue"));
    }

    /** Address to send straight to an existing queue. */
    public String queueTarget(String queue) {
        return queueSource(queue);
    }

    /** Address to publish to an exchange; a null or empty routing key is left out. */
    public String exchangeTarget(String exchange, String routingKey) {
        String address = exchangePrefix + segment(requireName(exchange, "exchange"));
        return routingKey == null || routingKey.isEmpty() ? address : address + "/" + segment(routingKey);
    }

    /**
     * The queue name inside a queue address of any dialect, or the last path segment of any other address,
     * so that an error queue can be named after it.
     */
    public static String queueNameOf(String address) {
        for (AddressDialect dialect : values()) {
            if (address.startsWith(dialect.queuePrefix) && address.length() > dialect.queuePrefix.length()) {
                String name = address.substring(dialect.queuePrefix.length());
                return dialect == RABBITMQ4 ? percentDecode(name) : name;
            }
        }
        String trimmed = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** Whether an address names a queue directly in either dialect (rather than an exchange or anything else). */
    public static boolean isQueueAddress(String address) {
        for (AddressDialect dialect : values()) {
            if (address.startsWith(dialect.queuePrefix) && address.length() > dialect.queuePrefix.length()) {
                return true;
            }
        }
        return false;
    }

    /** The dialect for an operator's value, case-insensitive; null when there is none of that name. */
    public static AddressDialect fromConfig(String value) {
        for (AddressDialect dialect : values()) {
            if (dialect.configName.equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return dialect;
            }
        }
        return null;
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " name must not be empty");
        }
        return name;
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters, as RabbitMQ 4 expects. */
    static String percentEncode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static String percentDecode(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
