package org.openaperture.cli;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code oa events}: the system events operators should know about. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Lists system events.")
final class EventsCommand implements Callable<Integer> {

    @ParentCommand
    OaCommand root;

    @Option(
            names = "--lookback",
            paramLabel = "HOURS",
            description = "Events of the last HOURS hours (0: all); the Manager's default is 24")
    Integer lookback;

    @Option(names = "--type", description = "Only events of this type")
    String type;

    @Option(names = "--severity", description = "Only events of this severity")
    String severity;

    @Option(names = "--dismissed", paramLabel = "true|false", description = "Only dismissed or undismissed events")
    Boolean dismissed;

    @Override
    public Integer call() {
        JsonValue answer = root.api()
                .get(
                        "/system_events",
                        ManagerApi.params(
                                "lookback",
                                lookback == null ? null : lookback.toString(),
                                "type",
                                type,
                                "severity",
                                severity,
                                "dismissed",
                                dismissed == null ? null : dismissed.toString()));
        if (root.json()) {
            root.out().println(JsonText.pretty(answer));
            root.out().flush();
            return ExitCodes.OK;
        }
        Tables.print(
                root.out(),
                List.of("ID", "SEVERITY", "TYPE", "INSERTED", "DISMISSED", "MESSAGE"),
                JsonText.objects(answer).stream()
                        .map(e -> Tables.row(
                                JsonText.text(e, "id"),
                                JsonText.text(e, "severity"),
                                JsonText.text(e, "type"),
                                JsonText.text(e, "inserted_at"),
                                JsonText.text(e, "dismissed_at") == null ? "no" : "yes",
                                JsonText.text(e, "message")))
                        .toList());
        return ExitCodes.OK;
    }
}
