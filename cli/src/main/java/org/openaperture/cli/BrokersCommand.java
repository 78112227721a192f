package org.openaperture.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code oa brokers}: the messaging brokers. */
@Command(name = "brokers", mixinStandardHelpOptions = true, description = "Lists the messaging brokers.")
final class BrokersCommand implements Callable<Integer> {

    @ParentCommand
    OaCommand root;

    @Override
    public Integer call() {
        JsonValue answer = root.api().get("/messaging/brokers");
        if (root.json()) {
            root.out().println(JsonText.pretty(answer));
            root.out().flush();
            return ExitCodes.OK;
        }
        List<JsonObject> brokers = JsonText.objects(answer);
        Map<String, String> names = new HashMap<>();
        brokers.forEach(b -> names.put(JsonText.text(b, "id"), JsonText.text(b, "name")));
        Tables.print(
                root.out(),
                List.of("ID", "NAME", "FAILOVER", "UPDATED"),
                brokers.stream()
                        .map(b -> {
                            String failover = JsonText.text(b, "failover_broker_id");
                            return Tables.row(
                                    JsonText.text(b, "id"),
                                    JsonText.text(b, "name"),
                                    failover == null ? null : names.getOrDefault(failover, "?") + " (" + failover + ")",
                                    JsonText.text(b, "updated_at"));
                        })
                        .toList());
        return ExitCodes.OK;
    }
}
