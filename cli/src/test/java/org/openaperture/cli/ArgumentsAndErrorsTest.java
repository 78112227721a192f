package org.openaperture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgumentsAndErrorsTest {

    private static final String ID = "3f2b1c9e-8a4d-4c2e-9b1a-7d6e5f4a3b2c";

    @TempDir
    Path home;

    private StubManager manager;
    private Cli cli;

    @BeforeEach
    void start() throws IOException {
        manager = new StubManager();
        cli = new Cli(home);
        cli.vars.put("OA_URL", manager.url());
        cli.vars.put("OA_TOKEN", "secret-token");
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Cli.Result r = cli.run("frobnicate");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("frobnicate"), r::toString);
        assertTrue(r.err().contains("Usage: oa"), r::toString);
    }

    @Test
    void aMissingIdIsAUsageError() {
        Cli.Result r = cli.run("workflows", "get");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("Missing required parameter: 'ID'"), r::toString);
        assertTrue(r.err().contains("Usage: oa workflows get"), r::toString);
        assertTrue(manager.requests.isEmpty());
    }

    @Test
    void aGroupWithoutItsCommandIsAUsageError() {
        Cli.Result r = cli.run("workflows");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("Usage: oa workflows"), r::toString);
    }

    @Test
    void helpListsTheExitCodes() {
        Cli.Result r = cli.run("--help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Exit codes:"), r::toString);
        assertTrue(r.out().contains("3  the Manager cannot be reached"), r::toString);
    }

    @Test
    void withoutALoginItSaysHowToLogIn() {
        cli.vars.remove("OA_URL");
        cli.vars.remove("OA_TOKEN");
        Cli.Result r = cli.run("brokers");
        assertEquals(ExitCodes.UNAUTHORIZED, r.code(), r::toString);
        assertTrue(r.err().contains("not logged in: run oa login"), r::toString);
    }

    @Test
    void aRejectedTokenSaysHowToLogIn() {
        manager.problem("GET /messaging/brokers", 401, "Unauthorized", "this route needs a valid bearer token");
        Cli.Result r = cli.run("brokers");
        assertEquals(ExitCodes.UNAUTHORIZED, r.code(), r::toString);
        assertTrue(r.err().contains("token is missing, expired or invalid"), r::toString);
        assertTrue(r.err().contains("oa login --url " + manager.url() + " --token"), r::toString);
        assertOneLineNoStackTrace(r);
        assertFalse(r.err().contains("secret-token"), r::toString);
    }

    @Test
    void aForbiddenRequestNamesTheRolesFromTheDetail() {
        manager.problem(
                "POST /messaging/topology/apply",
                403,
                "Forbidden",
                "the roles in your token do not allow this request; it needs one of: admin");
        Cli.Result r = cli.run("topology", "apply");
        assertEquals(ExitCodes.FORBIDDEN, r.code(), r::toString);
        assertTrue(r.err().contains("oa topology apply needs one of the roles admin"), r::toString);
        assertOneLineNoStackTrace(r);
    }

    @Test
    void aForbiddenRequestWithoutDetailNamesTheRolesOfTheCommand() {
        manager.problem("POST /workflows/" + ID + "/execute", 403, "Forbidden", null);
        Cli.Result r = cli.run("workflows", "execute", ID);
        assertEquals(ExitCodes.FORBIDDEN, r.code(), r::toString);
        assertTrue(r.err().contains("needs one of the roles operator, admin"), r::toString);
    }

    @Test
    void anErrorPrintsTheProblemDetail() {
        manager.problem("POST /workflows/" + ID + "/cancel", 409, "Conflict", "Workflow has already completed");
        Cli.Result r = cli.run("workflows", "cancel", ID);
        assertEquals(ExitCodes.REFUSED, r.code(), r::toString);
        assertTrue(r.err().contains("Workflow has already completed"), r::toString);
        assertOneLineNoStackTrace(r);
    }

    @Test
    void aPortNobodyListensOnCannotBeReached() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        long started = System.nanoTime();
        Cli.Result r = cli.run("exchanges", "--url", url, "--timeout", "2");
        assertEquals(ExitCodes.UNREACHABLE, r.code(), r::toString);
        assertTrue(r.err().contains("cannot reach " + url), r::toString);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "took too long");
        assertOneLineNoStackTrace(r);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            long started = System.nanoTime();
            Cli.Result r = cli.run("--timeout", "1", "workflows", "list", "--url", url);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(ExitCodes.UNREACHABLE, r.code(), r::toString);
            assertTrue(r.err().contains("cannot reach " + url + ": no answer within 1 s"), r::toString);
            assertTrue(took.toMillis() < 5000, "took " + took);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static void assertOneLineNoStackTrace(Cli.Result r) {
        assertEquals(1, r.err().strip().lines().count(), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
    }
}
