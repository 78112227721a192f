package org.openaperture.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openaperture.testsupport.ApiClient;

/**
 * The server under test, as the build started it: a Payara Server domain or a WildFly server
 * ({@code it.server=payara|wildfly}), each with the EAR deployed and the same node settings.
 */
public final class Server {
    /** {@code payara} or {@code wildfly}. */
    static final String KIND = System.getProperty("it.server", "payara");
    /** The Manager API without a token: only health answers it. */
    public static final ApiClient API = new ApiClient(System.getProperty("it.base.url", "http://127.0.0.1:20080"));
    /** The API as role {@code admin}: reads and changes the messaging model. */
    public static final ApiClient ADMIN = API.as("admin");
    /** The API as role {@code viewer}: reads only. */
    public static final ApiClient VIEWER = API.as("viewer");
    /**
     * Where MicroProfile Health answers, without a token: the HTTP port on Payara, the management port on WildFly.
     */
    public static final ApiClient HEALTH = new ApiClient(
            System.getProperty("it.health.url", System.getProperty("it.base.url", "http://127.0.0.1:20080")));

    private Server() {}

    public static boolean isWildFly() {
        return "wildfly".equals(KIND);
    }

    /** Skips the calling test on WildFly, saying why it needs Payara Server. */
    static void assumePayara(String why) {
        assumeTrue(!isWildFly(), () -> "Payara Server only: " + why);
    }

    /** Skips the calling test on Payara Server, saying why it needs WildFly. */
    static void assumeWildFly(String why) {
        assumeTrue(isWildFly(), () -> "WildFly only: " + why);
    }

    /** Runs asadmin against the test domain and returns what it printed. */
    static String asadmin(String... args) {
        List<String> command = new ArrayList<>(
                List.of(System.getProperty("it.asadmin"), "--port", System.getProperty("it.admin.port", "20048")));
        command.addAll(List.of(args));
        return run("asadmin " + String.join(" ", args), command);
    }

    /**
     * Runs jboss-cli operations (such as {@code /subsystem=x:read-resource}, none with a comma) against the server,
     * in one connection, and returns what they printed, one result after the other.
     */
    static String jbossCli(String... operations) {
        return run(
                "jboss-cli " + String.join(", ", operations),
                List.of(
                        System.getProperty("it.jboss.cli"),
                        "--connect",
                        "--controller=127.0.0.1:" + System.getProperty("it.management.port"),
                        "--commands=" + String.join(",", operations)));
    }

    private static String run(String what, List<String> command) {
        try {
            Path output = Files.createTempFile("admin", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not answer");
            }
            String printed = Files.readString(output);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed: " + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server log, without the ANSI colours Payara may write. */
    static String log() {
        try {
            return Files.readString(Path.of(System.getProperty("it.server.log")), StandardCharsets.UTF_8)
                    .replaceAll("\u001B\\[[;\\d]*m", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
