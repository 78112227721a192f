package org.openaperture.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code oa topology}: the RabbitMQ definitions the exchange model implies, against the live broker. */
@Command(
        name = "topology",
        mixinStandardHelpOptions = true,
        description = "Compares the broker's exchanges, queues and bindings with the model, and applies the model.")
final class TopologyCommand implements Callable<Integer> {

    @ParentCommand
    OaCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: drift or apply");
    }

    @Command(
            name = "drift",
            mixinStandardHelpOptions = true,
            description = "What the broker misses, has extra, or has with other properties.")
    int drift(
            @Option(names = "--root-exchange", paramLabel = "NAME", description = "Only this hierarchy, e.g. AWS")
                    String rootExchange) {
        JsonValue answer =
                root.api().get("/messaging/topology/drift", ManagerApi.params("root_exchange", rootExchange));
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(JsonText.pretty(answer));
        } else if (JsonText.isTrue(answer.asJsonObject(), "in_sync")) {
            out.println("in sync: the broker has what the exchange model implies");
        } else {
            definitions(out, "missing", JsonText.object(answer, "missing"));
            definitions(out, "extra", JsonText.object(answer, "extra"));
            differences(out, "different", JsonText.array(answer, "different"));
        }
        out.flush();
        return ExitCodes.OK;
    }

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = "Declares what the broker misses; what exists with other properties stays (admin).")
    int apply(
            @Option(names = "--root-exchange", paramLabel = "NAME", description = "Only this hierarchy, e.g. AWS")
                    String rootExchange) {
        JsonValue answer = root.api()
                .post("/messaging/topology/apply", ManagerApi.params("root_exchange", rootExchange), null)
                .json();
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(JsonText.pretty(answer));
        } else {
            definitions(out, "declared", JsonText.object(answer, "declared"));
            JsonArray notChanged = JsonText.array(answer, "not_changed");
            differences(out, "not changed (delete it, then apply)", notChanged);
            JsonObject declared = JsonText.object(answer, "declared");
            if (notChanged.isEmpty()
                    && JsonText.array(declared, "exchanges").isEmpty()
                    && JsonText.array(declared, "queues").isEmpty()
                    && JsonText.array(declared, "bindings").isEmpty()) {
                out.println("nothing to declare: the broker was in sync");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void definitions(PrintWriter out, String heading, JsonObject definitions) {
        for (JsonObject e : JsonText.objects(JsonText.array(definitions, "exchanges"))) {
            out.println(
                    heading + " exchange " + JsonText.text(e, "name") + " (vhost " + JsonText.text(e, "vhost") + ")");
        }
        for (JsonObject q : JsonText.objects(JsonText.array(definitions, "queues"))) {
            out.println(heading + " queue " + JsonText.text(q, "name") + " (vhost " + JsonText.text(q, "vhost") + ")");
        }
        for (JsonObject b : JsonText.objects(JsonText.array(definitions, "bindings"))) {
            out.println(
                    heading + " binding " + JsonText.text(b, "source") + " -> " + JsonText.text(b, "destination_type")
                            + " " + JsonText.text(b, "destination") + " key '" + JsonText.text(b, "routing_key") + "'");
        }
    }

    private static void differences(PrintWriter out, String heading, JsonArray differences) {
        for (JsonObject d : JsonText.objects(differences)) {
            out.println(heading + ": " + JsonText.text(d, "kind") + " " + JsonText.text(d, "name") + " "
                    + JsonText.text(d, "property") + ": model " + JsonText.text(d, "planned") + ", broker "
                    + JsonText.text(d, "live"));
        }
    }
}
