package org.openaperture.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The identity of this node in the messaging model. {@code openaperture.node.exchange} is the exchange the
 * node lives in, by id or by name (a name lets an operator configure a node before ids are known);
 * {@code openaperture.node.components} the components it runs; {@code openaperture.node.hostname} the name
 * its modules are registered under (the machine's hostname by default).
 */
@ApplicationScoped
public class NodeConfig {

    @Inject
    @ConfigProperty(name = "openaperture.node.exchange", defaultValue = "US-EAST-1")
    String exchange;

    @Inject
    @ConfigProperty(name = "openaperture.node.components", defaultValue = "manager")
    String components;

    @Inject
    @ConfigProperty(name = "openaperture.node.hostname")
    Optional<String> hostname;

    @Inject
    @ConfigProperty(name = "openaperture.version")
    Optional<String> version;

    /**
     * The version this node runs ({@code openaperture.version}, the Maven project version filled in at build
     * time); empty when unknown (an unfiltered build).
     */
    public Optional<String> version() {
        return version == null
                ? Optional.empty()
                : version.map(String::trim).filter(v -> !v.isEmpty() && !v.startsWith("${"));
    }

    public String exchange() {
        return exchange;
    }

    public List<String> components() {
        return parseComponents(components);
    }

    public String hostname() {
        return hostname.filter(h -> !h.isBlank()).map(String::trim).orElseGet(NodeConfig::machineHostname);
    }

    /** {@code "manager, overseer"} → {@code [manager, overseer]}: comma-separated, trimmed, no repeats. */
    public static List<String> parseComponents(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(c -> !c.isEmpty())
                .distinct()
                .toList();
    }

    /**
     * The name a module of this node is registered under. Module rows are keyed by exchange and hostname,
     * so each component gets its own name: {@code <hostname>:<component>}.
     */
    public static String moduleHostname(String hostname, String component) {
        return hostname + ":" + component;
    }

    private static String machineHostname() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
