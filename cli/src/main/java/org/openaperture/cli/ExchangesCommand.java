package org.openaperture.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code oa exchanges}: the geography of messaging exchanges, children under their parents. */
@Command(
        name = "exchanges",
        mixinStandardHelpOptions = true,
        description = "Lists the messaging exchanges as a tree, with the full routing key of each.")
final class ExchangesCommand implements Callable<Integer> {

    @ParentCommand
    OaCommand root;

    @Override
    public Integer call() {
        JsonValue answer = root.api().get("/messaging/exchanges");
        if (root.json()) {
            root.out().println(JsonText.pretty(answer));
            root.out().flush();
            return ExitCodes.OK;
        }
        List<Node> tree = tree(JsonText.objects(answer));
        Map<String, String> names = new LinkedHashMap<>();
        JsonText.objects(answer).forEach(e -> names.put(JsonText.text(e, "id"), JsonText.text(e, "name")));
        List<List<String>> rows = new ArrayList<>();
        tree.forEach(node -> node.rows(names, rows));
        Tables.print(root.out(), List.of("ID", "NAME", "FRAGMENT", "ROUTING KEY", "FAILOVER"), rows);
        return ExitCodes.OK;
    }

    /** An exchange with its routing key computed from the fragments of its ancestors. */
    record Node(JsonObject exchange, int depth, String routingKey, List<Node> children) {
        void rows(Map<String, String> names, List<List<String>> rows) {
            String failoverId = JsonText.text(exchange, "failover_exchange_id");
            String failover = failoverId == null ? null : names.getOrDefault(failoverId, "?") + " (" + failoverId + ")";
            rows.add(Tables.row(
                    JsonText.text(exchange, "id"),
                    "  ".repeat(depth) + JsonText.text(exchange, "name"),
                    JsonText.text(exchange, "routing_key_fragment"),
                    routingKey,
                    failover));
            children.forEach(child -> child.rows(names, rows));
        }
    }

    /** Roots first, each followed by its descendants; an exchange whose parent is unknown counts as a root. */
    static List<Node> tree(List<JsonObject> exchanges) {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        exchanges.forEach(e -> byId.put(JsonText.text(e, "id"), e));
        List<JsonObject> roots = exchanges.stream()
                .filter(e -> !byId.containsKey(JsonText.text(e, "parent_exchange_id")))
                .sorted(BY_NAME)
                .toList();
        Set<String> seen = new HashSet<>();
        return roots.stream().map(r -> node(r, 0, null, exchanges, seen)).toList();
    }

    private static final Comparator<JsonObject> BY_NAME =
            Comparator.comparing(e -> String.valueOf(JsonText.text(e, "name")), String.CASE_INSENSITIVE_ORDER);

    private static Node node(JsonObject exchange, int depth, String parentKey, List<JsonObject> all, Set<String> seen) {
        String id = JsonText.text(exchange, "id");
        seen.add(id);
        String fragment = JsonText.text(exchange, "routing_key_fragment");
        String key = fragment == null || fragment.isBlank()
                ? parentKey
                : parentKey == null || parentKey.isEmpty() ? fragment : parentKey + "." + fragment;
        // A cycle in the data must not hang the listing: an exchange appears once.
        List<Node> children = all.stream()
                .filter(e -> id != null && id.equals(JsonText.text(e, "parent_exchange_id")))
                .filter(e -> !seen.contains(JsonText.text(e, "id")))
                .sorted(BY_NAME)
                .map(e -> node(e, depth + 1, key, all, seen))
                .toList();
        return new Node(exchange, depth, key, children);
    }
}
