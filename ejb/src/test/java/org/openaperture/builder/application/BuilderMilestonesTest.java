package org.openaperture.builder.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openaperture.builder.infrastructure.CommandLineImageBuilder;
import org.openaperture.builder.infrastructure.JGitWorkspace;
import org.openaperture.builder.infrastructure.SimulatedImageBuilder;
import org.openaperture.worker.application.Cancellation;
import org.openaperture.worker.application.MilestoneFailedException;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * components.md §10.2 Milestones (Config, Build), DeploymentRepo and SourceRepo, against real git repos on disk:
 * bare "remotes" that the Builder clones and pushes to.
 */
class BuilderMilestonesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path work;
    private final GitWorkspace git = new JGitWorkspace(null, null, "OpenAperture Builder", "builder@openaperture");
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final BuildLogSink sink = (workflow, lines) -> logLines.addAll(lines);

    @BeforeEach
    void setUp() throws Exception {
        work = Files.createDirectories(tmp.resolve("work"));
    }

    /** A bare repo with one commit on master holding {@code files}; returns its path. */
    private Path remote(String name, Map<String, String> files) throws Exception {
        Path bare = tmp.resolve(name + ".git");
        Git.init()
                .setBare(true)
                .setInitialBranch("master")
                .setDirectory(bare.toFile())
                .call()
                .close();
        Path seed = tmp.resolve(name + "-seed");
        try (Git g = Git.cloneRepository()
                .setURI(bare.toString())
                .setDirectory(seed.toFile())
                .call()) {
            for (var f : files.entrySet()) {
                Files.writeString(seed.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
            g.add().addFilepattern(".").call();
            g.commit()
                    .setMessage("initial")
                    .setAuthor("t", "t@t")
                    .setCommitter("t", "t@t")
                    .call();
            g.push().call();
        }
        return bare;
    }

    private String headOf(Path bare) throws Exception {
        try (Git g = Git.open(bare.toFile())) {
            return g.getRepository().resolve("refs/heads/master").name();
        }
    }

    private Path checkout(Path bare, String dir) throws Exception {
        Path out = tmp.resolve(dir);
        Git.cloneRepository()
                .setURI(bare.toString())
                .setDirectory(out.toFile())
                .call()
                .close();
        return out;
    }

    private MilestoneRequest request(String step, Path deployment, Path source, String ref, boolean force) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", "wf-1")
                .add("current_step", step)
                .add("deployment_repo", deployment.toString())
                .add("force_build", force);
        if (source != null) {
            b.add("source_repo", source.toString());
        }
        if (ref != null) {
            b.add("source_repo_git_ref", ref);
        }
        return MilestoneRequest.parse(b.build().toString());
    }

    private BuilderMilestones milestones(ImageBuilder images) {
        return new BuilderMilestones(work, git, images, "https://github.com/", CLOCK);
    }

    @Test
    void configTemplatesChangedCommittedAndPushed() throws Exception {
        Path source = remote(
                "app",
                Map.of(
                        "openaperture.json",
                        "{\"deployments\":{\"notifications\":{\"hipchat\":{\"room_names\":[\"ops\"]}}}}"));
        Path deployment = remote(
                "app_docker",
                Map.of(
                        "Dockerfile.eex", "FROM base\nRUN checkout <%= commit_hash %> # <%= timestamp %>\n",
                        "app@.service.eex",
                                "[Unit]\nDescription=app <%= commit_hash %>\n# comment\n"
                                        + "[Service]\nExecStart=/run -p <%= dst_port %>\nEmpty=\n",
                        "README.md.eex", "<%= commit_hash %>",
                        "fleet.json", "{\"instance_cnt\":2}",
                        "etcd.json", "{\"token\":\"123abc\"}"));
        String sha = headOf(source);
        String before = headOf(deployment);

        BuilderMilestones.Result result = milestones(new SimulatedImageBuilder())
                .run(request("config", deployment, source, "master", false), sink, new Cancellation());

        assertTrue(!before.equals(headOf(deployment)), "the rendered files were pushed");
        Path again = checkout(deployment, "again");
        assertEquals(
                "FROM base\nRUN checkout " + sha + " # Mon, 30 Nov 2026 10:00:00 GMT\n",
                Files.readString(again.resolve("Dockerfile")));
        assertEquals(
                "[Unit]\nDescription=app " + sha + "\n# comment\n[Service]\nExecStart=/run -p <%= dst_port %>\n"
                        + "Empty=\n",
                Files.readString(again.resolve("app@.service")));
        assertFalse(Files.exists(again.resolve("README.md")));
        try (Git g = Git.open(again.toFile())) {
            assertEquals(
                    "Deployment for commit " + sha,
                    g.log().setMaxCount(1).call().iterator().next().getFullMessage());
        }
        JsonObject fields = result.fields();
        assertEquals(sha, fields.getString("source_repo_git_ref"));
        assertEquals(sha, fields.getString("source_commit_hash"));
        assertEquals(
                List.of("ops"),
                fields.getJsonObject("notifications_config")
                        .getJsonObject("hipchat")
                        .getJsonArray("room_names")
                        .getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(2, fields.getJsonObject("fleet_config").getInt("instance_cnt"));
        assertEquals("123abc", fields.getString("etcd_token"));
        assertTrue(fields.isNull("aws_config"));
        assertTrue(fields.isNull("ecs_task_definition"));
        var unit = fields.getJsonArray("deployable_units").getJsonObject(0);
        assertEquals("app@.service", unit.getString("name"));
        assertEquals(2, unit.getJsonArray("options").size());
        assertEquals("Service", unit.getJsonArray("options").getJsonObject(1).getString("section"));
        assertTrue(result.events().contains("Git commit hash resolved from checkout: master -> " + sha));
        assertCheckoutsDeleted();
    }

    @Test
    void configNoFilesNothingToCommit() throws Exception {
        Path deployment = remote("app_docker", Map.of("docker.json", "{\"docker_url\":\"myorg/app\"}"));
        String before = headOf(deployment);
        BuilderMilestones.Result result = milestones(new SimulatedImageBuilder())
                .run(request("config", deployment, null, "v1.2", false), sink, new Cancellation());
        assertEquals(before, headOf(deployment));
        assertEquals("v1.2", result.fields().getString("source_repo_git_ref"));
        assertEquals(0, result.fields().getJsonArray("deployable_units").size());
    }

    @Test
    void configIdenticalOutputNothingToCommit() throws Exception {
        Path deployment = remote(
                "app_docker", Map.of("Dockerfile.eex", "FROM x:<%= commit_hash %>\n", "Dockerfile", "FROM x:v1\n"));
        String before = headOf(deployment);
        milestones(new SimulatedImageBuilder())
                .run(request("config", deployment, null, "v1", false), sink, new Cancellation());
        assertEquals(before, headOf(deployment));
    }

    @Test
    void configWithoutSourceRefFails() throws Exception {
        Path deployment = remote("app_docker", Map.of("x", "y"));
        var e = assertThrows(MilestoneFailedException.class, () -> milestones(new SimulatedImageBuilder())
                .run(request("config", deployment, null, null, false), sink, new Cancellation()));
        assertEquals("Missing source_repo_git_ref", e.getMessage());
    }

    @Test
    void configPushRefusedOnATagIsAMilestoneError() throws Exception {
        Path deployment = remote("app_docker", Map.of("Dockerfile.eex", "FROM <%= commit_hash %>\n"));
        MilestoneRequest request = MilestoneRequest.parse(Json.createObjectBuilder()
                .add("id", "wf-1")
                .add("current_step", "config")
                .add("deployment_repo", deployment.toString())
                .add("deployment_repo_git_ref", headOf(deployment))
                .add("source_repo_git_ref", "v1")
                .build()
                .toString());
        var e = assertThrows(MilestoneFailedException.class, () -> milestones(new SimulatedImageBuilder())
                .run(request, sink, new Cancellation()));
        assertTrue(e.getMessage().contains("is no branch"), e.getMessage());
    }

    @Test
    void initFromRequestMissingDeploymentRepo() {
        MilestoneRequest request = MilestoneRequest.parse("{\"id\":\"wf-1\",\"current_step\":\"build\"}");
        var e = assertThrows(MilestoneFailedException.class, () -> milestones(new SimulatedImageBuilder())
                .run(request, sink, new Cancellation()));
        assertEquals("Missing deployment_repo", e.getMessage());
    }

    @Test
    void downloadCloneFails() {
        var e = assertThrows(MilestoneFailedException.class, () -> milestones(new SimulatedImageBuilder())
                .run(request("config", tmp.resolve("nowhere.git"), null, "v1", false), sink, new Cancellation()));
        assertTrue(e.getMessage().startsWith("Failed to clone"), e.getMessage());
    }

    @Test
    void downloadCheckoutFails() throws Exception {
        Path deployment = remote("app_docker", Map.of("x", "y"));
        MilestoneRequest request = MilestoneRequest.parse(Json.createObjectBuilder()
                .add("id", "wf-1")
                .add("current_step", "config")
                .add("deployment_repo", deployment.toString())
                .add("deployment_repo_git_ref", "no-such-branch")
                .add("source_repo_git_ref", "v1")
                .build()
                .toString());
        var e = assertThrows(MilestoneFailedException.class, () -> milestones(new SimulatedImageBuilder())
                .run(request, sink, new Cancellation()));
        assertTrue(e.getMessage().contains("no branch, tag or commit no-such-branch"), e.getMessage());
        assertCheckoutsDeleted();
    }

    @Test
    void sourceJsonNamesTheSourceRepoAndBadJsonFails() throws Exception {
        Path source = remote("app", Map.of("a", "b"));
        Path deployment = remote("app_docker", Map.of("source.json", "{\"source_repo\":\"" + source + "\"}"));
        var result = milestones(new SimulatedImageBuilder())
                .run(request("config", deployment, null, null, false), sink, new Cancellation());
        assertEquals(headOf(source), result.fields().getString("source_repo_git_ref"));

        Path bad = remote("bad_docker", Map.of("fleet.json", "{nope"));
        var e = assertThrows(MilestoneFailedException.class, () -> milestones(new SimulatedImageBuilder())
                .run(request("config", bad, null, "v1", false), sink, new Cancellation()));
        assertTrue(e.getMessage().startsWith("fleet.json is not valid JSON"), e.getMessage());
    }

    @Test
    void initFromRequestSourceRepoFailure_failsWithTheCloneFailureAndDeletesBothCheckouts() throws Exception {
        Path deployment = remote("app_docker", Map.of("x", "y"));
        Path missing = tmp.resolve("no-such-source.git");

        var e = assertThrows(MilestoneFailedException.class, () -> milestones(new SimulatedImageBuilder())
                .run(request("config", deployment, missing, "master", false), sink, new Cancellation()));

        assertTrue(e.getMessage().startsWith("Failed to clone " + missing), e.getMessage());
        assertCheckoutsDeleted();
    }

    @Test
    void sourceRepoDownloadCheckoutFails() throws Exception {
        Path source = remote("app", Map.of("a", "b"));
        Path deployment = remote("app_docker", Map.of("x", "y"));

        var e = assertThrows(MilestoneFailedException.class, () -> milestones(new SimulatedImageBuilder())
                .run(request("config", deployment, source, "no-such-branch", false), sink, new Cancellation()));

        assertTrue(e.getMessage().startsWith("Failed to clone " + source), e.getMessage());
        assertTrue(e.getMessage().contains("no branch, tag or commit no-such-branch"), e.getMessage());
        assertCheckoutsDeleted();
    }

    @Test
    void getOpenapertureInfo_noFile_noNotificationsConfig() throws Exception {
        Path source = remote("app", Map.of("a", "b"));
        Path deployment = remote("app_docker", Map.of("x", "y"));

        var result = milestones(new SimulatedImageBuilder())
                .run(request("config", deployment, source, "master", false), sink, new Cancellation());

        assertFalse(result.fields().containsKey("notifications_config"));
        assertFalse(result.events().stream().anyMatch(e -> e.contains("notification settings")));
    }

    @Test
    void getOpenapertureInfo_badJson_noNotificationsConfigAndTheEventLogSaysWhy() throws Exception {
        Path source = remote("app", Map.of("openaperture.json", "{\"deployments\":"));
        Path deployment = remote("app_docker", Map.of("x", "y"));

        var result = milestones(new SimulatedImageBuilder())
                .run(request("config", deployment, source, "master", false), sink, new Cancellation());

        assertFalse(result.fields().containsKey("notifications_config"));
        assertEquals(headOf(source), result.fields().getString("source_repo_git_ref"));
        assertTrue(
                result.events().stream()
                        .anyMatch(e -> e.startsWith("Unable to read the notification settings of " + source
                                + ", going on without them: openaperture.json is not valid JSON")),
                result.events().toString());
        assertCheckoutsDeleted();
    }

    @Test
    void getEcsTaskDefinition_present_fileText() throws Exception {
        String definition = "{\"family\":\"app\",\"containerDefinitions\":[]}\n";
        Path deployment = remote("app_docker", Map.of("ecs_task_definition.json", definition));

        var result = milestones(new SimulatedImageBuilder())
                .run(request("config", deployment, null, "v1", false), sink, new Cancellation());

        assertEquals(definition, result.fields().getString("ecs_task_definition"));
    }

    @Test
    void unknownStepFails() {
        MilestoneRequest request = MilestoneRequest.parse("{\"id\":\"wf-1\",\"current_step\":\"deploy\"}");
        var e = assertThrows(MilestoneFailedException.class, () -> milestones(new SimulatedImageBuilder())
                .run(request, sink, new Cancellation()));
        assertEquals("Unknown next step: deploy", e.getMessage());
    }

    @Test
    void buildSuccessRunsTheCommandAndStreamsItsLines() throws Exception {
        Path source = remote("app", Map.of("app.txt", "hello from source\n"));
        Path deployment = remote(
                "app_docker",
                Map.of(
                        "docker.json", "{\"docker_url\":\"myorg/app\"}",
                        "Dockerfile.eex", "FROM base:<%= commit_hash %>\n"));
        String sha = headOf(source);
        var images = new CommandLineImageBuilder(
                "echo building $OA_IMAGE; head -1 Dockerfile; cat \"$OA_SOURCE_DIR/app.txt\"",
                null,
                java.time.Duration.ofMinutes(1));
        BuilderMilestones.Result result =
                milestones(images).run(request("build", deployment, source, "master", false), sink, new Cancellation());
        assertEquals(List.of("building myorg/app:" + sha, "FROM base:" + sha, "hello from source"), logLines);
        assertEquals("myorg/app:" + sha, result.fields().getString("image"));
        assertFalse(result.fields().getBoolean("image_found"));
        assertCheckoutsDeleted();
    }

    @Test
    void buildErrorFailsTheMilestoneWithExitCodeAndLastLines() throws Exception {
        Path deployment = remote("app_docker", Map.of("docker.json", "{\"docker_url\":\"myorg/app\"}"));
        var images = new CommandLineImageBuilder(
                "echo compiling; echo broken >&2; exit 2", null, java.time.Duration.ofMinutes(1));
        var e = assertThrows(MilestoneFailedException.class, () -> milestones(images)
                .run(request("build", deployment, null, "v1", false), sink, new Cancellation()));
        assertEquals(
                "Failed to build docker image myorg/app:v1: the build command exited with 2; last lines:\n"
                        + "compiling\nbroken",
                e.getMessage());
    }

    @Test
    void buildWithoutDockerUrlFails() throws Exception {
        Path deployment = remote("app_docker", Map.of("docker.json", "{}"));
        var e = assertThrows(MilestoneFailedException.class, () -> milestones(new SimulatedImageBuilder())
                .run(request("build", deployment, null, "v1", false), sink, new Cancellation()));
        assertTrue(e.getMessage().contains("has no docker_url"), e.getMessage());
    }

    @Test
    void createDockerImageNoForcePullSucceedsSoNoBuild() throws Exception {
        Path deployment = remote("app_docker", Map.of("docker.json", "{\"docker_url\":\"myorg/app\"}"));
        List<String> built = new ArrayList<>();
        ImageBuilder images = new ImageBuilder() {
            @Override
            public boolean imageExists(String image) {
                return image.equals("myorg/app:v1");
            }

            @Override
            public void build(ImageBuild build, BuildLogSink logs, Cancellation c) {
                built.add(build.image());
            }
        };
        var skipped = milestones(images).run(request("build", deployment, null, "v1", false), sink, new Cancellation());
        assertTrue(skipped.fields().getBoolean("image_found"));
        assertEquals(List.of(), built);

        var forced = milestones(images).run(request("build", deployment, null, "v1", true), sink, new Cancellation());
        assertEquals(List.of("myorg/app:v1"), built);
        assertTrue(forced.events().contains("force_build flag has been set"));

        milestones(images).run(request("build", deployment, null, "v2", false), sink, new Cancellation());
        assertEquals(List.of("myorg/app:v1", "myorg/app:v2"), built);
    }

    @Test
    void simulatedBuilderFindsWhatItBuilt() throws Exception {
        Path deployment = remote("app_docker", Map.of("docker.json", "{\"docker_url\":\"myorg/app\"}"));
        var images = new SimulatedImageBuilder();
        var first = milestones(images).run(request("build", deployment, null, "v1", false), sink, new Cancellation());
        assertFalse(first.fields().getBoolean("image_found"));
        assertEquals("Simulated build of myorg/app:v1", logLines.get(0));
        var second = milestones(images).run(request("build", deployment, null, "v1", false), sink, new Cancellation());
        assertTrue(second.fields().getBoolean("image_found"));
    }

    @Test
    void aCancelledRequestStopsAndSaysSo() throws Exception {
        Path deployment = remote("app_docker", Map.of("docker.json", "{\"docker_url\":\"myorg/app\"}"));
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        var e = assertThrows(MilestoneFailedException.class, () -> milestones(new SimulatedImageBuilder())
                .run(request("build", deployment, null, "v1", false), sink, cancellation));
        assertEquals("The process was interrupted!", e.getMessage());
        assertCheckoutsDeleted();
    }

    private void assertCheckoutsDeleted() {
        assertFalse(Files.exists(work.resolve("deployment_repos").resolve("wf-1")));
        assertFalse(Files.exists(work.resolve("source_repos").resolve("wf-1")));
    }
}
