package org.openaperture.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openaperture.quickstart.AllInOneNode.*;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient.Reply;
import org.openaperture.testsupport.Eventually;
import org.openaperture.testsupport.Tokens;

/**
 * The all-in-one node as a newcomer meets it. Before the tests, the README's {@code ## Quickstart} block runs
 * exactly as written, in a shell at the project's root: it starts the node with {@code bin/run}, logs the CLI
 * in, deploys the sample with {@code bin/oa deploy examples/hello --follow} and {@code curl -f}s it. The tests
 * then use that node only as a user would: the CLI's own process, HTTP, and the sample's port. Afterwards
 * {@code bin/run stop} stops the node and the sample with it.
 */
class AllInOneNodeIT {
    private static final String SAMPLE = "http://127.0.0.1:8090/";
    private static final Set<String> COMPONENTS = Set.of(
            "manager",
            "workflow_orchestrator",
            "builder",
            "deployer",
            "deploy_oa",
            "fleet_manager",
            "notifications",
            "overseer");
    private static final Pattern TRACE = Pattern.compile("^\\+ (\\d+\\.\\d+) (.*)$");

    private static Run quickstart;

    @BeforeAll
    static void runTheQuickstartAsWritten() throws Exception {
        // Each line is announced with the time it starts, for the figures below; the lines themselves run as
        // written, in one shell, stopping at the first that fails. (No `set -x`: it would print the token.)
        StringBuilder script = new StringBuilder("set -eo pipefail\n");
        for (String line : quickstartBlock().lines().toList()) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                script.append("echo \"+ $EPOCHREALTIME \"")
                        .append(shellQuoted(line))
                        .append('\n');
            }
            script.append(line).append('\n');
        }
        quickstart = shell(script.toString(), Duration.ofMinutes(15), "quickstart");
        printFigures(quickstart.output());
    }

    @AfterAll
    static void stopTheNodeAndTheSample() throws Exception {
        Run stop = shell("bin/run stop", Duration.ofMinutes(2), "stop");
        assertEquals(0, stop.exit(), stop.output());
        Eventually.within(Duration.ofSeconds(20), "the sample stopped with the node", () -> answer(SAMPLE)
                .isEmpty());
    }

    @Test
    void theQuickstartRunsAsWrittenAndTheSampleAnswersWithTheCommitItWasBuiltFrom() {
        assertEquals(0, quickstart.exit(), "the Quickstart block failed; its output:\n" + quickstart.output());
        String commit =
                git("--git-dir", ROOT.resolve(".work/git/examples/hello.git").toString(), "rev-parse", "master");
        assertTrue(
                quickstart.output().contains("hello from " + commit),
                "curl printed the sample's answer naming commit " + commit + ":\n" + quickstart.output());
        assertEquals(Optional.of("hello from " + commit), answer(SAMPLE).map(String::strip));
    }

    @Test
    void everyComponentOfTheNodeIsAnActiveModuleOfUsEast1() {
        long usEast = exchangeId("US-EAST-1");
        Eventually.within(Duration.ofSeconds(30), "every component active in US-EAST-1", () -> {
            Set<String> active = ADMIN
                    .get("/messaging/exchanges/" + usEast + "/modules?per_page=100")
                    .json()
                    .getJsonArray("items")
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .filter(m -> "active".equals(m.getString("status", "")))
                    .map(m -> m.getString("type"))
                    .collect(Collectors.toSet());
            return active.containsAll(COMPONENTS);
        });
    }

    @Test
    void aSampleWhoseBuildFailsMakesDeployFollowExitNonZeroWithTheReason() throws Exception {
        String repo = "quickstart-it/broken-" + shortId();
        REMOTES.create(repo, Map.of("Hello.java", "class Hello {\n"));
        REMOTES.create(
                repo + "_docker",
                Map.of(
                        "build.sh",
                        "echo 'Hello.java:1: error: reached end of file while parsing' >&2\nexit 2\n",
                        "Dockerfile.eex",
                        "FROM scratch\n",
                        "docker.json",
                        "{\"docker_url\":\"" + repo + "\"}"));

        Run follow =
                shell("bin/oa deploy " + repo + " --milestones config,build --follow", Duration.ofMinutes(3), "broken");

        assertNotEquals(0, follow.exit(), follow.output());
        assertTrue(follow.output().contains("reached end of file while parsing"), follow.output());
        assertFalse(follow.output().contains("\tat "), "no stack trace: " + follow.output());
    }

    @Test
    void ctrlCDetachesTheCliAndTheWorkflowGoesOnToCompletion() throws Exception {
        String repo = "quickstart-it/slow-" + shortId();
        REMOTES.create(repo, Map.of("Hello.java", "class Hello {}\n"));
        // The build waits for the test's go-ahead, so the CLI is surely following while it runs.
        Path goAhead = LOGS.resolve(repo.replace('/', '_') + ".go").toAbsolutePath();
        REMOTES.create(
                repo + "_docker",
                Map.of(
                        "build.sh",
                        "echo waiting for the go-ahead\nwhile [ ! -f '" + goAhead
                                + "' ]; do sleep 0.2; done\necho built\n",
                        "Dockerfile.eex",
                        "FROM scratch\n",
                        "docker.json",
                        "{\"docker_url\":\"" + repo + "\"}"));
        assertTrue(Files.isExecutable(ROOT.resolve("bin/oa")), "bin/oa is executable");
        ProcessBuilder builder = new ProcessBuilder(
                        "bin/oa", "deploy", repo, "--milestones", "config,build", "--follow")
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().put("OA_CONFIG", CLI_CONFIG);
        Process cli = builder.start();
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        CompletableFuture.runAsync(() -> readLines(cli, lines));
        Pattern created = Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
        Eventually.within(Duration.ofSeconds(60), "the build running under the CLI", () -> lines.stream()
                .anyMatch(l -> l.contains("waiting for the go-ahead")));
        String id = lines.stream()
                .map(created::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no workflow id printed: " + lines));

        new ProcessBuilder("kill", "-INT", String.valueOf(cli.pid())).start().waitFor();
        assertTrue(cli.waitFor(20, TimeUnit.SECONDS), "the CLI ended on SIGINT");
        Files.writeString(goAhead, "go");

        assertTrue(String.join("\n", lines).contains("detached"), String.join("\n", lines));
        JsonObject done = awaitEnded(id, Duration.ofSeconds(90));
        assertFalse(done.getBoolean("workflow_error"), "SIGINT did not cancel the workflow: " + done);
    }

    @Test
    void anUpgradeRequestGoesThroughTheOverseerAndTheOaDeployerRedeploysTheComponent() {
        String type = "hello-" + shortId();
        long usEast = exchangeId("US-EAST-1");
        Reply ref = ADMIN.post(
                "/system_component_refs",
                "{\"type\":\"" + type + "\",\"source_repo\":\"examples/hello\",\"source_repo_git_ref\":\"master\","
                        + "\"auto_upgrade_enabled\":true}");
        assertEquals(201, ref.status(), ref.toString());
        Reply component = ADMIN.post(
                "/system_components",
                "{\"messaging_exchange_id\":" + usEast + ",\"type\":\"" + type
                        + "\",\"source_repo\":\"examples/hello\","
                        + "\"source_repo_git_ref\":\"an-older-ref\",\"deployment_repo\":\"examples/hello_docker\","
                        + "\"deployment_repo_git_ref\":\"master\",\"upgrade_strategy\":\"hourly\"}");
        assertEquals(201, component.status(), component.toString());
        long id = component.createdId();

        // The Manager sends upgrade_request to the overseer queue; the node's Overseer plans [config, deploy_oa].
        Reply upgrade = ADMIN.post("/system_components/" + id + "/upgrade", "{}");
        assertEquals(204, upgrade.status(), upgrade.toString());

        String[] workflow = new String[1];
        Eventually.within(Duration.ofSeconds(60), "the Overseer started the upgrade workflow", () -> {
            JsonValue status = ADMIN.get("/system_components/" + id).json().get("upgrade_status");
            if (status instanceof JsonObject s && s.get("current_workflow") instanceof JsonString w) {
                workflow[0] = w.getString();
                return true;
            }
            return false;
        });
        JsonObject done = awaitEnded(workflow[0], Duration.ofSeconds(90));
        assertEquals(List.of("config", "deploy_oa"), strings(done, "milestones"));
        assertFalse(done.getBoolean("workflow_error"), done.toString());
        assertTrue(done.getJsonObject("workflow_step_durations").containsKey("deploy_oa"), done.toString());
        assertTrue(answer(SAMPLE).orElse("").startsWith("hello from "), "the sample runs, deployed by deploy_oa");
    }

    @Test
    void theWebConsoleWorksInChromiumSignedInThroughThePrintedLink() throws Exception {
        String link = quickstart
                .output()
                .lines()
                .filter(l -> l.strip().startsWith("Web console"))
                .map(l -> l.strip().split("\\s+")[2])
                .findFirst()
                .orElseThrow(() -> new AssertionError("bin/run printed no console sign-in link"));
        // playwright-core from npm, pinned by the lock file, into the build's folder; the browser is Debian's.
        Path tests = LOGS.resolve("console").toAbsolutePath();
        Files.createDirectories(tests);
        for (String file : List.of("package.json", "package-lock.json", "console.test.mjs")) {
            Files.copy(
                    Path.of("src/test/console", file),
                    tests.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Run install = shell(
                "cd '" + tests + "' && npm ci --ignore-scripts --no-audit --no-fund", Duration.ofMinutes(5), "npm-ci");
        assertEquals(0, install.exit(), install.output());

        Run browser = shell(
                "cd '" + tests + "' && OA_BASE='" + BASE + "' OA_SIGNIN_LINK='" + link + "' OA_VIEWER_TOKEN='"
                        + Tokens.mint("it-viewer", "viewer") + "' OA_RABBIT='"
                        + System.getProperty("it.rabbitmq.management", "http://127.0.0.1:15672") + "' OA_SHOTS='"
                        + LOGS.resolve("console-screenshots").toAbsolutePath() + "' node console.test.mjs",
                Duration.ofMinutes(5),
                "console");
        browser.output().lines().filter(l -> l.startsWith("FIGURE")).forEach(System.out::println);
        assertEquals(0, browser.exit(), "the console in chromium:\n" + browser.output());
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String quickstartBlock() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int heading = readme.indexOf("\n## Quickstart");
        assertTrue(heading >= 0, "README.md has a ## Quickstart section");
        int open = readme.indexOf("```bash\n", heading);
        int close = readme.indexOf("\n```", open + 8);
        assertTrue(open > 0 && close > open, "the Quickstart section has a ```bash block");
        return readme.substring(open + "```bash\n".length(), close + 1);
    }

    /** Prints how long the node took to be ready, the deploy to the answering sample, and the node's memory. */
    private static void printFigures(String output) throws IOException {
        Double deployStarted = null;
        Double curlStarted = null;
        for (String line : output.lines().toList()) {
            Matcher m = TRACE.matcher(line);
            if (m.matches() && m.group(2).startsWith("bin/oa deploy")) {
                deployStarted = Double.valueOf(m.group(1));
            } else if (m.matches() && m.group(2).startsWith("curl") && deployStarted != null) {
                curlStarted = Double.valueOf(m.group(1));
            } else if (line.startsWith("[run] OpenAperture is ready")) {
                System.out.println("FIGURE bin/run: " + line);
            }
        }
        if (deployStarted != null && curlStarted != null) {
            System.out.printf(
                    "FIGURE quickstart: oa deploy to the sample answering in %.1f s%n", curlStarted - deployStarted);
        }
        serverRssKiB()
                .ifPresent(kib -> System.out.printf(
                        "FIGURE all-in-one node resident memory after the sample deploy: %d MiB%n", kib / 1024));
    }

    private static List<String> strings(JsonObject o, String key) {
        return o.getJsonArray(key).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    private static void readLines(Process process, ConcurrentLinkedQueue<String> into) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                into.add(line);
            }
        } catch (IOException e) {
            into.add("(reading the CLI's output failed: " + e.getMessage() + ")");
        }
    }
}
