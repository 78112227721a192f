package org.openaperture.overseer.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.messaging.processed.application.ProcessedMessages;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.ModuleRegistry;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.registry.domain.ModuleReport;
import org.openaperture.messaging.topology.domain.QueueNames;
import org.openaperture.node.NodeConfig;
import org.openaperture.system.application.SystemEventService;

/**
 * Handles a heartbeat published to {@code system_modules}: {@code {"event_type":"status", "hostname",
 * "type", "status", "workload", "version"}}. A status event refreshes the module's row in this node's
 * exchange; other event types are logged and ignored. A module whose {@code version} differs from this
 * Manager's ({@code openaperture.version}) raises a {@code module_version_mismatch} event, once per module
 * and version. A heartbeat that cannot be understood is refused with an exception that says why, so the
 * message is retried and then dead-lettered rather than lost. A message id seen before (a redelivery) has no
 * effect a second time.
 */
@Stateless
public class HeartbeatHandler {
    private static final Logger LOG = System.getLogger(HeartbeatHandler.class.getName());

    @Inject
    ModuleRegistry registry;

    @Inject
    ExchangeService exchanges;

    @Inject
    NodeConfig node;

    static final String CONSUMER = QueueNames.SYSTEM_MODULES;

    @Inject
    ProcessedMessages processed;

    @Inject
    SystemEventService events;

    /** Handles one heartbeat in one transaction; {@code messageId} may be null (a publisher that is not ours). */
    public void handle(String body, String messageId) {
        handleAll(List.of(read(body, messageId)));
    }

    /** A heartbeat understood; {@code report} is null for an event type other than {@code status}. */
    public record Heartbeat(String messageId, String eventType, ModuleReport report, String version) {}

    /**
     * Reads a heartbeat, outside any transaction: throws {@link InvalidRequestException} saying why when it
     * cannot be understood, so that only that message fails.
     */
    public static Heartbeat read(String body, String messageId) {
        JsonObject heartbeat = parse(body);
        String eventType = optionalString(heartbeat, "event_type");
        return new Heartbeat(
                messageId,
                eventType,
                STATUS.equals(eventType) ? report(heartbeat) : null,
                STATUS.equals(eventType) ? optionalString(heartbeat, "version") : null);
    }

    /**
     * Handles heartbeats in one transaction: the ids seen before are skipped, and of several status reports of
     * one module the last counts (one row written per module).
     */
    public void handleAll(List<Heartbeat> heartbeats) {
        Set<String> fresh = processed.firstDeliveries(
                CONSUMER,
                heartbeats.stream()
                        .map(Heartbeat::messageId)
                        .filter(id -> id != null && !id.isBlank())
                        .toList());
        Map<String, Heartbeat> latest = new LinkedHashMap<>();
        for (Heartbeat heartbeat : heartbeats) {
            String id = heartbeat.messageId();
            if (id != null && !id.isBlank() && !fresh.remove(id)) {
                continue; // processed before, or given twice in this batch
            }
            if (heartbeat.report() == null) {
                LOG.log(Level.INFO, "ignoring system_modules event of type {0}", heartbeat.eventType());
                continue;
            }
            latest.put(heartbeat.report().hostname(), heartbeat);
        }
        if (latest.isEmpty()) {
            return;
        }
        Exchange exchange = exchanges
                .findByIdOrName(node.exchange())
                .orElseThrow(() -> new IllegalStateException(
                        "this node's exchange " + node.exchange() + " is not registered; create it through the API"));
        registry.recordAll(
                exchange.id(), latest.values().stream().map(Heartbeat::report).toList());
        node.version().ifPresent(own -> {
            List<String> modules = new ArrayList<>();
            List<SystemEventService.Condition> mismatches = new ArrayList<>();
            for (Heartbeat heartbeat : latest.values()) {
                String version = heartbeat.version();
                if (version != null && !version.isBlank()) {
                    ModuleReport report = heartbeat.report();
                    modules.add(versionSubject(exchange.id(), report.hostname()));
                    versionMismatch(exchange.id(), report.hostname(), report.type(), version, own)
                            .ifPresent(mismatches::add);
                }
            }
            if (!modules.isEmpty()) {
                events.settle(modules, mismatches);
            }
        });
    }

    private static final String STATUS = "status";

    static final String VERSION_MISMATCH = "module_version_mismatch";

    /** The key of a module's version condition: one open at most per module, whatever the version. */
    static String versionSubject(long exchangeId, String hostname) {
        return VERSION_MISMATCH + ":" + exchangeId + ":" + hostname;
    }

    /**
     * A module that reports a version other than this Manager's is a lasting condition, raised once per
     * module and version (a module that moves to a third version raises it anew); none when the versions agree
     * (which clears an earlier mismatch).
     */
    static Optional<SystemEventService.Condition> versionMismatch(
            long exchangeId, String hostname, String type, String reported, String own) {
        if (reported.equals(own)) {
            return Optional.empty();
        }
        return Optional.of(new SystemEventService.Condition(
                versionSubject(exchangeId, hostname),
                VERSION_MISMATCH,
                "warning",
                "module " + hostname + " (" + type + ") of exchange " + exchangeId + " runs version " + reported
                        + ", the Manager runs " + own,
                JSON.createObjectBuilder()
                        .add("exchange_id", exchangeId)
                        .add("hostname", hostname)
                        .add("type", type)
                        .add("module_version", reported)
                        .add("manager_version", own)
                        .build()));
    }

    private static ModuleReport report(JsonObject heartbeat) {
        return new ModuleReport(
                requiredString(heartbeat, "hostname"),
                requiredString(heartbeat, "type"),
                requiredString(heartbeat, "status"),
                workload(heartbeat.get("workload")),
                optionalString(heartbeat, "source_repo"),
                optionalString(heartbeat, "source_repo_git_ref"),
                optionalString(heartbeat, "deployment_repo"),
                optionalString(heartbeat, "deployment_repo_git_ref"));
    }

    /** Some modules send the workload already encoded as a JSON string: normalise both forms to JSON. */
    private static String workload(JsonValue workload) {
        if (workload == null || workload.getValueType() == JsonValue.ValueType.NULL) {
            return "[]";
        }
        if (workload instanceof JsonString encoded) {
            try {
                return JSON.createReader(new StringReader(encoded.getString()))
                        .readValue()
                        .toString();
            } catch (JsonParsingException notJson) {
                return workload.toString();
            }
        }
        return workload.toString();
    }

    private static JsonObject parse(String body) {
        try {
            return JSON.createReader(new StringReader(body)).readObject();
        } catch (JsonParsingException | IllegalStateException | ClassCastException e) {
            throw new InvalidRequestException(null, "heartbeat is not a JSON object: " + e.getMessage());
        }
    }

    private static String requiredString(JsonObject json, String field) {
        String value = optionalString(json, field);
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "heartbeat has no " + field);
        }
        return value;
    }

    private static String optionalString(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new InvalidRequestException(field, "heartbeat field " + field + " must be a string");
    }
}
