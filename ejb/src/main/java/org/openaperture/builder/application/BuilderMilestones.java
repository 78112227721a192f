package org.openaperture.builder.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openaperture.builder.domain.BuildDecision;
import org.openaperture.builder.domain.RepoUrls;
import org.openaperture.builder.domain.TemplateRenderer;
import org.openaperture.worker.application.Cancellation;
import org.openaperture.worker.application.MilestoneFailedException;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * Runs one Builder request (components.md §4.2–4.3): prepares the deployment and source checkouts, then runs
 * {@code config} (render the templates, commit and push them back) and, for {@code build}, the image build.
 * Blocking and without a container, so it runs on a job thread and in plain tests. Both checkouts are deleted
 * when it ends, whatever the outcome.
 */
public class BuilderMilestones {
    static final String INTERRUPTED = "The process was interrupted!";

    private final Path workDir;
    private final GitWorkspace git;
    private final ImageBuilder images;
    private final String gitBase;
    private final Clock clock;

    /** What a successful request adds to the envelope, and the lines for its event log. */
    public record Result(JsonObject fields, List<String> events) {}

    public BuilderMilestones(Path workDir, GitWorkspace git, ImageBuilder images, String gitBase, Clock clock) {
        this.workDir = workDir;
        this.git = git;
        this.images = images;
        this.gitBase = gitBase;
        this.clock = clock;
    }

    /** Kills what an earlier build of {@code workflowId} left running; answers how many processes. */
    public int stopLeftovers(String workflowId) {
        return images.stopLeftovers(workflowId);
    }

    /**
     * @throws MilestoneFailedException when a milestone fails; its message is the {@code failure_reason}
     */
    public Result run(MilestoneRequest request, BuildLogSink logs, Cancellation cancellation) {
        String step = request.step();
        if (!"config".equals(step) && !"build".equals(step)) {
            throw new MilestoneFailedException("Unknown next step: " + step);
        }
        String repo = request.deploymentRepo();
        if (repo == null || repo.isBlank()) {
            throw new MilestoneFailedException("Missing deployment_repo");
        }
        String dirName = safe(request.workflowId());
        Path deployment = workDir.resolve("deployment_repos").resolve(dirName);
        Path source = workDir.resolve("source_repos").resolve(dirName);
        try {
            delete(deployment);
            delete(source);
            List<String> events = new ArrayList<>();
            JsonObjectBuilder fields = JSON.createObjectBuilder();
            git.cloneAt(RepoUrls.resolve(repo, gitBase), request.deploymentRepoRef(), deployment);
            checkCancelled(cancellation);

            JsonObject sourceJson = readJsonObject(deployment, "source.json");
            String sourceRepo = firstNonBlank(request.sourceRepo(), string(sourceJson, "source_repo"));
            String sourceRef = firstNonBlank(request.sourceRepoRef(), string(sourceJson, "source_repo_git_ref"));
            boolean hasSource = sourceRepo != null;
            if (hasSource) {
                git.cloneAt(RepoUrls.resolve(sourceRepo, gitBase), firstNonBlank(sourceRef, "master"), source);
                checkCancelled(cancellation);
            }

            String commit = config(request, deployment, hasSource ? source : null, sourceRef, fields, events);
            checkCancelled(cancellation);
            if ("build".equals(step)) {
                build(request, deployment, hasSource ? source : null, commit, fields, events, logs, cancellation);
            }
            return new Result(fields.build(), events);
        } finally {
            delete(deployment);
            delete(source);
        }
    }

    private String config(
            MilestoneRequest request,
            Path deployment,
            Path source,
            String ref,
            JsonObjectBuilder fields,
            List<String> events) {
        String commit = ref;
        if (source != null) {
            String head = git.head(source);
            if (!head.equals(ref)) {
                events.add("Git commit hash resolved from checkout: " + ref + " -> " + head);
            }
            commit = head;
        }
        if (commit == null || commit.isBlank()) {
            throw new MilestoneFailedException("Missing source_repo_git_ref");
        }
        fields.add("source_repo_git_ref", commit).add("source_commit_hash", commit);

        if (source != null) {
            JsonObject info = openApertureInfo(source, request.sourceRepo(), events);
            if (info != null
                    && info.get("deployments") instanceof JsonObject deployments
                    && deployments.get("notifications") instanceof JsonObject notifications) {
                fields.add("notifications_config", notifications);
            }
        }
        addOrNull(fields, "fleet_config", readJson(deployment, "fleet.json"));
        addOrNull(fields, "aws_config", readJson(deployment, "aws.json"));
        JsonObject etcd = readJsonObject(deployment, "etcd.json");
        if (string(etcd, "token") != null) {
            fields.add("etcd_token", string(etcd, "token"));
        }

        List<String> changed = renderTemplates(deployment, commit);
        if (!changed.isEmpty()) {
            git.commitAndPush(deployment, changed, "Deployment for commit " + commit);
            events.add("Rendered " + String.join(", ", changed) + " for commit " + commit + " and pushed them to "
                    + request.deploymentRepo());
        }
        fields.add("deployable_units", DeployableUnits.read(deployment));
        Path ecs = deployment.resolve("ecs_task_definition.json");
        if (Files.isRegularFile(ecs)) {
            fields.add("ecs_task_definition", readString(ecs));
        } else {
            fields.addNull("ecs_task_definition");
        }
        return commit;
    }

    private void build(
            MilestoneRequest request,
            Path deployment,
            Path source,
            String commit,
            JsonObjectBuilder fields,
            List<String> events,
            BuildLogSink logs,
            Cancellation cancellation) {
        JsonObject docker = readJsonObject(deployment, "docker.json");
        String dockerUrl = string(docker, "docker_url");
        if (dockerUrl == null) {
            throw new MilestoneFailedException(
                    "docker.json of " + request.deploymentRepo() + " is missing or has no docker_url");
        }
        String image = dockerUrl + ":" + commit;
        BuildDecision decision = BuildDecision.decide(request.forceBuild(), () -> images.imageExists(image));
        switch (decision) {
            case EXISTS -> {
                events.add("Image " + image + " already exists; build skipped");
                fields.add("image_found", true);
                return;
            }
            case FORCED -> events.add("force_build flag has been set");
            case MISSING -> {}
        }
        try {
            images.build(new ImageBuild(request.workflowId(), image, deployment, source), logs, cancellation);
        } catch (ImageBuildException e) {
            throw new MilestoneFailedException(
                    cancellation.isCancelled()
                            ? INTERRUPTED
                            : "Failed to build docker image " + image + ": " + e.getMessage(),
                    e);
        }
        events.add("Built image " + image);
        fields.add("image_found", false).add("image", image);
    }

    /** Renders the templates in the repo root; returns the files written because they are new or changed. */
    private List<String> renderTemplates(Path repo, String commit) {
        String timestamp = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock));
        List<String> changed = new ArrayList<>();
        try (Stream<Path> files = Files.list(repo)) {
            for (Path template : files.sorted().toList()) {
                String target = TemplateRenderer.target(template.getFileName().toString());
                if (target == null || !Files.isRegularFile(template)) {
                    continue;
                }
                Map<String, String> variables = target.endsWith(".service")
                        ? Map.of("commit_hash", commit, "timestamp", timestamp, "dst_port", "<%= dst_port %>")
                        : Map.of("commit_hash", commit, "timestamp", timestamp);
                String rendered = TemplateRenderer.render(readString(template), variables);
                Path out = repo.resolve(target);
                if (!Files.isRegularFile(out) || !readString(out).equals(rendered)) {
                    Files.writeString(out, rendered, StandardCharsets.UTF_8);
                    changed.add(target);
                }
            }
        } catch (IOException e) {
            throw new MilestoneFailedException("Failed to render the templates: " + e.getMessage(), e);
        }
        return changed;
    }

    /**
     * The source repo's {@code openaperture.json}, or null when there is none. As in the original
     * (get_openaperture_info), an unreadable file is no reason to fail the milestone: the workflow goes on
     * without the notification settings it holds, and the event log says why.
     */
    private static JsonObject openApertureInfo(Path source, String sourceRepo, List<String> events) {
        try {
            return readJsonObject(source, "openaperture.json");
        } catch (MilestoneFailedException e) {
            events.add("Unable to read the notification settings of "
                    + (sourceRepo == null ? "the source repo" : sourceRepo) + ", going on without them: "
                    + e.getMessage());
            return null;
        }
    }

    private static void checkCancelled(Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            throw new MilestoneFailedException(INTERRUPTED);
        }
    }

    private static JsonValue readJson(Path repo, String name) {
        Path file = repo.resolve(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (var reader = JSON.createReader(new StringReader(readString(file)))) {
            return reader.readValue();
        } catch (jakarta.json.JsonException e) {
            throw new MilestoneFailedException(name + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static JsonObject readJsonObject(Path repo, String name) {
        JsonValue value = readJson(repo, name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonObject o) {
            return o;
        }
        throw new MilestoneFailedException(name + " must hold a JSON object");
    }

    private static String string(JsonObject o, String field) {
        return o != null
                        && o.get(field) instanceof JsonString s
                        && !s.getString().isBlank()
                ? s.getString()
                : null;
    }

    private static void addOrNull(JsonObjectBuilder b, String field, JsonValue value) {
        if (value == null) {
            b.addNull(field);
        } else {
            b.add(field, value);
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String safe(String workflowId) {
        return workflowId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.getLogger(BuilderMilestones.class.getName())
                    .log(System.Logger.Level.WARNING, "could not delete {0}: {1}", dir, e.getMessage());
        }
    }

    /** The deployable units: every {@code *.service} file in the repo root, parsed as §4.2 says. */
    static final class DeployableUnits {
        private DeployableUnits() {}

        static jakarta.json.JsonArray read(Path repo) {
            JsonArrayBuilder units = JSON.createArrayBuilder();
            try (Stream<Path> files = Files.list(repo)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (!name.endsWith(".service") || !Files.isRegularFile(f)) {
                        continue;
                    }
                    units.add(JSON.createObjectBuilder().add("name", name).add("options", options(readString(f))));
                }
            } catch (IOException e) {
                throw new MilestoneFailedException("Failed to read the unit files: " + e.getMessage(), e);
            }
            return units.build();
        }

        private static JsonArrayBuilder options(String text) {
            JsonArrayBuilder options = JSON.createArrayBuilder();
            String section = "";
            for (String raw : text.split("\\R")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    section = line.substring(1, line.length() - 1);
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                if (key.isEmpty() || value.isEmpty()) {
                    continue;
                }
                options.add(JSON.createObjectBuilder()
                        .add("section", section)
                        .add("name", key)
                        .add("value", value));
            }
            return options;
        }
    }
}
