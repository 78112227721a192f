package org.openaperture.cli;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code oa workflows}: build-and-deploy runs. */
@Command(
        name = "workflows",
        mixinStandardHelpOptions = true,
        description = "Lists, shows, creates, executes, retries and cancels workflows.")
final class WorkflowsCommand implements Callable<Integer> {

    /** What a workflow is doing, as {@code --state} names it. */
    enum State {
        pending,
        running,
        completed,
        failed,
        all;

        static State of(JsonObject workflow) {
            if (JsonText.isTrue(workflow, "workflow_completed")) {
                return JsonText.isTrue(workflow, "workflow_error") ? failed : completed;
            }
            if (JsonText.isTrue(workflow, "workflow_error")) {
                return failed;
            }
            return JsonText.text(workflow, "current_step") == null ? pending : running;
        }
    }

    @ParentCommand
    OaCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(), "Missing command: list, get, create, execute, retry or cancel");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists recent workflows.")
    int list(
            @Option(names = "--repo", paramLabel = "REPO", description = "Only of this deployment repository")
                    String repo,
            @Option(
                            names = "--source-repo",
                            paramLabel = "REPO",
                            description = "Only of the deployment repository of this source repository")
                    String sourceRepo,
            @Option(
                            names = "--state",
                            defaultValue = "all",
                            description = "pending, running, completed, failed or all (default)")
                    State state,
            @Option(
                            names = "--lookback",
                            paramLabel = "HOURS",
                            description = "Of the last HOURS hours (0: all); the Manager's default is 24")
                    Integer lookback) {
        String completed =
                switch (state) {
                    case pending, running -> "false";
                    case completed -> "true";
                    case failed, all -> null;
                };
        JsonValue answer = root.api()
                .get(
                        "/workflows",
                        ManagerApi.params(
                                "deployment_repo", repo,
                                "source_repo", sourceRepo,
                                "completed", completed,
                                "lookback", lookback == null ? null : lookback.toString()));
        List<JsonObject> workflows = JsonText.objects(answer).stream()
                .filter(w -> state == State.all || State.of(w) == state)
                .toList();
        if (root.json()) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            workflows.forEach(array::add);
            root.out().println(JsonText.pretty(array.build()));
            root.out().flush();
            return ExitCodes.OK;
        }
        Tables.print(
                root.out(),
                List.of("ID", "DEPLOYMENT REPO", "STATE", "STEP", "DURATION", "UPDATED"),
                workflows.stream()
                        .map(w -> Tables.row(
                                JsonText.text(w, "id"),
                                JsonText.text(w, "deployment_repo"),
                                State.of(w).name(),
                                JsonText.text(w, "current_step"),
                                JsonText.text(w, "workflow_duration"),
                                JsonText.text(w, "updated_at")))
                        .toList());
        return ExitCodes.OK;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows a workflow and its event log.")
    int get(@Parameters(paramLabel = "ID", description = "The workflow's id") String id) {
        JsonObject workflow = fetch(root.api(), id);
        if (root.json()) {
            root.out().println(JsonText.pretty(workflow));
        } else {
            describe(root.out(), workflow);
        }
        root.out().flush();
        return ExitCodes.OK;
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Creates a workflow; it does not start it.")
    int create(
            @Option(
                            names = "--deployment-repo",
                            required = true,
                            paramLabel = "REPO",
                            description = "e.g. org/app_docker")
                    String deploymentRepo,
            @Option(names = "--deployment-repo-git-ref", paramLabel = "REF") String deploymentRef,
            @Option(names = "--source-repo", paramLabel = "REPO", description = "e.g. org/app") String sourceRepo,
            @Option(names = "--source-repo-git-ref", paramLabel = "REF") String sourceRef,
            @Option(
                            names = "--milestones",
                            split = ",",
                            paramLabel = "MILESTONE",
                            description = "e.g. build,deploy; the Manager adds config where needed")
                    List<String> milestones) {
        ManagerApi api = root.api();
        String id = create(api, new Request(deploymentRepo, deploymentRef, sourceRepo, sourceRef, milestones));
        if (root.json()) {
            root.out().println(JsonText.pretty(fetch(api, id)));
        } else {
            root.out().println("workflow " + id + " created; start it with oa workflows execute " + id);
        }
        root.out().flush();
        return ExitCodes.OK;
    }

    @Command(name = "execute", mixinStandardHelpOptions = true, description = "Starts a created workflow.")
    int execute(
            @Parameters(paramLabel = "ID") String id,
            @Option(names = "--force-build", description = "Build even when the image exists") boolean forceBuild) {
        ManagerApi api = root.api();
        execute(api, id, forceBuild);
        return answer(api, id, "executing");
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Resumes a failed workflow from the milestone that failed.")
    int retry(@Parameters(paramLabel = "ID") String id) {
        ManagerApi api = root.api();
        JsonValue answer =
                api.post("/workflows/" + ManagerApi.encode(id) + "/retry", null).json();
        return answer(answer, id, "retried");
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Stops a running workflow.")
    int cancel(@Parameters(paramLabel = "ID") String id) {
        ManagerApi api = root.api();
        JsonValue answer = api.post("/workflows/" + ManagerApi.encode(id) + "/cancel", null)
                .json();
        return answer(answer, id, "cancelled");
    }

    private int answer(ManagerApi api, String id, String what) {
        return answer(root.json() ? fetch(api, id) : JsonValue.NULL, id, what);
    }

    private int answer(JsonValue workflow, String id, String what) {
        if (root.json()) {
            root.out().println(JsonText.pretty(workflow));
        } else {
            String step = workflow instanceof JsonObject w ? JsonText.text(w, "current_step") : null;
            root.out().println("workflow " + id + " " + what + (step == null ? "" : "; at milestone " + step));
        }
        root.out().flush();
        return ExitCodes.OK;
    }

    /** The fields of a new workflow, as the Manager names them. */
    record Request(
            String deploymentRepo,
            String deploymentRepoGitRef,
            String sourceRepo,
            String sourceRepoGitRef,
            List<String> milestones) {
        JsonObject json() {
            JsonObjectBuilder body = Json.createObjectBuilder().add("deployment_repo", deploymentRepo);
            if (deploymentRepoGitRef != null) {
                body.add("deployment_repo_git_ref", deploymentRepoGitRef);
            }
            if (sourceRepo != null) {
                body.add("source_repo", sourceRepo);
            }
            if (sourceRepoGitRef != null) {
                body.add("source_repo_git_ref", sourceRepoGitRef);
            }
            if (milestones != null && !milestones.isEmpty()) {
                JsonArrayBuilder names = Json.createArrayBuilder();
                milestones.stream().map(String::strip).filter(m -> !m.isEmpty()).forEach(names::add);
                body.add("milestones", names);
            }
            return body.build();
        }
    }

    /** The id of the created workflow, from the {@code Location} of the 201. */
    static String create(ManagerApi api, Request request) {
        return api.post("/workflows", request.json()).createdId();
    }

    static void execute(ManagerApi api, String id, boolean forceBuild) {
        JsonObject body =
                forceBuild ? Json.createObjectBuilder().add("force_build", true).build() : JsonValue.EMPTY_JSON_OBJECT;
        api.post("/workflows/" + ManagerApi.encode(id) + "/execute", body);
    }

    static JsonObject fetch(ManagerApi api, String id) {
        return api.get("/workflows/" + ManagerApi.encode(id)).asJsonObject();
    }

    private static void describe(PrintWriter out, JsonObject w) {
        field(out, "id", JsonText.text(w, "id"));
        field(out, "state", State.of(w).name());
        field(
                out,
                "deployment repo",
                ref(JsonText.text(w, "deployment_repo"), JsonText.text(w, "deployment_repo_git_ref")));
        field(out, "source repo", ref(JsonText.text(w, "source_repo"), JsonText.text(w, "source_repo_git_ref")));
        field(out, "source commit", JsonText.text(w, "source_commit_hash"));
        field(out, "milestones", String.join(", ", JsonText.strings(JsonText.array(w, "milestones"))));
        field(out, "current step", JsonText.text(w, "current_step"));
        field(out, "waiting for", JsonText.text(w, "waiting_for"));
        field(out, "duration", JsonText.text(w, "workflow_duration"));
        JsonObject durations = JsonText.object(w, "workflow_step_durations");
        durations.forEach((step, took) -> field(out, "  " + step, JsonText.text(took)));
        field(out, "created", JsonText.text(w, "inserted_at"));
        field(out, "updated", JsonText.text(w, "updated_at"));
        var log = JsonText.strings(JsonText.array(w, "event_log"));
        if (!log.isEmpty()) {
            out.println("event log:");
            log.forEach(line -> out.println("  " + line));
        }
    }

    private static String ref(String repo, String ref) {
        return repo == null ? null : ref == null ? repo : repo + " @ " + ref;
    }

    private static void field(PrintWriter out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.printf("%-16s %s%n", name + ":", value);
        }
    }
}
