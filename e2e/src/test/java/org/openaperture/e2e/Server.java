package org.openaperture.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openaperture.testsupport.ApiClient;

/** The Payara Server domain under test, as the build started it. */
public final class Server {
    /** The Manager API without a token: only health answers it. */
    public static final ApiClient API = new ApiClient(System.getProperty("it.base.url", "http://127.0.0.1:20080"));
    /** The API as role {@code admin}: reads and changes the messaging model. */
    public static final ApiClient ADMIN = API.as("admin");
    /** The API as role {@code viewer}: reads only. */
    public static final ApiClient VIEWER = API.as("viewer");

    private Server() {}

    /** Runs asadmin against the test domain and returns what it printed. */
    static String asadmin(String... args) {
        String[] command = new String[args.length + 3];
        command[0] = System.getProperty("it.asadmin");
        command[1] = "--port";
        command[2] = System.getProperty("it.admin.port", "20048");
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Path output = Files.createTempFile("asadmin", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin did not answer: " + String.join(" ", args));
            }
            String printed = Files.readString(output);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed: " + printed);
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
