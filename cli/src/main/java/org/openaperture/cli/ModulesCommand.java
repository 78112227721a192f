package org.openaperture.cli;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code oa modules}: the modules registered in each exchange, with their last heartbeat. */
@Command(
        name = "modules",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the modules (Builders, Deployers, ...) registered in the exchanges.",
            "UPDATED is the last registration or heartbeat."
        })
final class ModulesCommand implements Callable<Integer> {

    @ParentCommand
    OaCommand root;

    @Option(names = "--exchange", paramLabel = "NAME|ID", description = "Only this exchange; default: every exchange")
    String exchange;

    @Option(names = "--type", description = "Only modules of this type, e.g. builder")
    String type;

    @Option(names = "--status", description = "Only modules with this status")
    String status;

    @Override
    public Integer call() {
        ManagerApi api = root.api();
        List<JsonObject> exchanges = JsonText.objects(api.get("/messaging/exchanges"));
        List<JsonObject> chosen = exchange == null ? exchanges : List.of(find(exchanges, exchange));
        JsonArrayBuilder all = Json.createArrayBuilder();
        List<List<String>> rows = new ArrayList<>();
        for (JsonObject e : chosen) {
            String id = JsonText.text(e, "id");
            var modules = JsonText.objects(api.get(
                    "/messaging/exchanges/" + id + "/modules", ManagerApi.params("type", type, "status", status)));
            for (JsonObject m : modules) {
                all.add(m);
                rows.add(Tables.row(
                        JsonText.text(e, "name"),
                        JsonText.text(m, "hostname"),
                        JsonText.text(m, "type"),
                        JsonText.text(m, "status"),
                        JsonText.text(m, "updated_at")));
            }
        }
        if (root.json()) {
            root.out().println(JsonText.pretty(all.build()));
            root.out().flush();
        } else {
            Tables.print(root.out(), List.of("EXCHANGE", "HOSTNAME", "TYPE", "STATUS", "UPDATED"), rows);
        }
        return ExitCodes.OK;
    }

    /** By id when it is one, else by name, case-insensitively when no name matches exactly. */
    static JsonObject find(List<JsonObject> exchanges, String nameOrId) {
        for (JsonObject e : exchanges) {
            if (nameOrId.equals(JsonText.text(e, "id")) || nameOrId.equals(JsonText.text(e, "name"))) {
                return e;
            }
        }
        return exchanges.stream()
                .filter(e -> nameOrId.equalsIgnoreCase(JsonText.text(e, "name")))
                .findFirst()
                .orElseThrow(() -> new CliException(ExitCodes.FAILED, "no exchange has the name or id " + nameOrId));
    }
}
