package org.openaperture.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openaperture.testsupport.ApiClient;
import org.openaperture.testsupport.Eventually;
import org.openaperture.testsupport.GitRemotes;

/** The all-in-one node of {@code bin/run} as the tests reach it: its scripts, its API, its git remotes, its process. */
final class AllInOneNode {
    static final Path ROOT =
            Path.of(System.getProperty("it.root", "..")).toAbsolutePath().normalize();
    static final String BASE = System.getProperty("it.base.url", "http://127.0.0.1:8080");
    static final Path LOGS = Path.of(System.getProperty("it.log.dir", "target"));
    static final GitRemotes REMOTES = new GitRemotes(ROOT.resolve(".work/git"));
    static final ApiClient ADMIN = new ApiClient(BASE).as("admin");
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static final String CLI_CONFIG = Path.of(System.getProperty("it.cli.config", "target/oa-cli.json"))
            .toAbsolutePath()
            .toString();

    private AllInOneNode() {}

    /** What a command printed (standard output and error merged) and how it ended. */
    record Run(int exit, String output) {}

    /** Runs {@code script} with bash at the project's root; its output is also kept in target/NAME.log. */
    static Run shell(String script, Duration limit, String name) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".log").toFile());
        // The CLI keeps its login in the build's folder, not in the home of whoever runs the tests.
        builder.environment().put("OA_CONFIG", CLI_CONFIG);
        Process process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(
                    name + " did not end within " + limit + ":\n" + Files.readString(LOGS.resolve(name + ".log")));
        }
        return new Run(process.exitValue(), Files.readString(LOGS.resolve(name + ".log")));
    }

    static Optional<Long> serverRssKiB() throws IOException {
        Optional<Long> pid = serverPid();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return Files.readAllLines(Path.of("/proc", pid.get().toString(), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.valueOf(l.replaceAll("\\D", "")))
                .findFirst();
    }

    static long exchangeId(String name) {
        return ADMIN.get("/messaging/exchanges").array().getValuesAs(JsonObject.class).stream()
                .filter(e -> name.equals(e.getString("name")))
                .mapToLong(e -> e.getJsonNumber("id").longValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no exchange " + name));
    }

    static JsonObject awaitEnded(String id, Duration limit) {
        JsonObject[] last = new JsonObject[1];
        try {
            Eventually.within(limit, "workflow " + id + " ended", () -> {
                last[0] = ADMIN.get("/workflows/" + id).json();
                return last[0].getBoolean("workflow_completed", false);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + last[0], e);
        }
        return last[0];
    }

    static Optional<String> answer(String url) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static String git(String... args) {
        try {
            Process p = new ProcessBuilder(java.util.stream.Stream.concat(
                                    java.util.stream.Stream.of("git"), java.util.Arrays.stream(args))
                            .toList())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, p.waitFor(), out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The pid of the node's server process, when it runs. */
    static Optional<Long> serverPid() throws IOException {
        String domain =
                ROOT.resolve(".work/payara6/glassfish/domains/openaperture").toString();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.contains("-Dcom.sun.aas.instanceRoot=" + domain)) {
                        return Optional.of(Long.valueOf(proc.getFileName().toString()));
                    }
                } catch (IOException | UncheckedIOException e) {
                    // a process that ended while we looked
                }
            }
        }
        return Optional.empty();
    }
}
