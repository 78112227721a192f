package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient.Reply;
import org.openaperture.testsupport.Tokens;

/**
 * Broker passwords sealed at rest and the key rotation an operator runs with
 * {@code server-config/payara/rotate-secret-key.sh}, seen from outside: the script, asadmin or jboss-cli, HTTP,
 * the log, and on WildFly the server configuration, which holds the keys only encrypted.
 *
 * <p>The script calls the re-encrypt route with an admin bearer token ({@code OA_TOKEN}).
 */
class SecretKeyRotationIT {
    private static final Path KEYS = Path.of(System.getProperty("it.secrets.dir"));

    @Test
    void rotatingTheKeyReencryptsEveryStoredPasswordWhichNeverShowsInAResponseOrTheLog() throws IOException {
        String password = "rotate-pw-" + System.nanoTime();
        long broker = Server.ADMIN
                .post("/messaging/brokers", "{\"name\":\"rotation-" + System.nanoTime() + "\"}")
                .createdId();
        Reply added = Server.ADMIN.post(
                "/messaging/brokers/" + broker + "/connections",
                "{\"username\":\"oa\",\"password\":\"" + password + "\",\"host\":\"127.0.0.1\"}");
        assertEquals(201, added.status(), added.toString());
        String before = currentKey();
        assertTrue(stored(before), "key " + before + " is stored in the server");

        Reply anonymous = Server.API.send("POST", "/messaging/broker_connections/reencrypt", null, null);
        assertEquals(401, anonymous.status(), "re-encryption is for admins: " + anonymous);

        Run rotation = rotate();

        String after = currentKey();
        assertNotEquals(before, after);
        assertEquals(after, Files.readString(KEYS.resolve("openaperture.secrets.current-key")), "kept for bin/run");
        assertTrue(stored(after), "key " + after + " is stored in the server");
        int reencrypted = Integer.parseInt(rotation.stdout().strip());
        assertTrue(reencrypted >= 1, "at least this test's connection: " + rotation);
        assertTrue(rotation.stderr().contains("re-encrypted " + reencrypted + " "), rotation.stderr());
        assertTrue(rotation.stderr().contains("under key " + after), rotation.stderr());
        System.out.printf(
                "rotation %s -> %s re-encrypted %d password(s)%n%s", before, after, reencrypted, rotation.stderr());

        Run again = run("--reencrypt-only");
        assertEquals("0", again.stdout().strip(), "everything is under the new key already: " + again);

        Reply connections = Server.ADMIN.get("/messaging/brokers/" + broker + "/connections");
        JsonObject connection = connections.array().getJsonObject(0);
        assertEquals("oa", connection.getString("username"), "still readable after the rotation");
        assertFalse(connection.containsKey("password"), "no password for a caller without role module");
        assertFalse(connections.body().contains(password), connections.body());
        Reply forModule = Server.API.as("module").get("/messaging/brokers/" + broker + "/connections");
        assertEquals(
                password, forModule.array().getJsonObject(0).getString("password"), "a module reads it, decrypted");
        String log = Server.log();
        assertFalse(log.contains(password), "no broker password in the server log");
        String configuration =
                Server.isWildFly() ? Files.readString(wildFlyHome().resolve(WILDFLY_CONFIG)) : "";
        for (String key : keys()) {
            assertFalse(log.contains(key), "no key in the server log");
            assertFalse(rotation.toString().contains(key), "no key in the script's output");
            assertFalse(configuration.contains(key), "no key in the clear in the server configuration");
        }
        assertEquals(204, Server.ADMIN.delete("/messaging/brokers/" + broker).status());
    }

    private static final String WILDFLY_CONFIG = "standalone/configuration/openaperture.xml";

    /** Where the key is kept: a password alias on Payara Server, an encrypted system property on WildFly. */
    private static boolean stored(String id) {
        if (Server.isWildFly()) {
            return Server.jbossCli("/system-property=openaperture.secrets.key." + id + ":read-attribute(name=value)")
                    .contains("${ENC::openaperture:");
        }
        return Server.asadmin("list-password-aliases").contains("openaperture.secrets.key." + id);
    }

    /** WildFly's home: jboss-cli is in its bin folder. */
    private static Path wildFlyHome() {
        return Path.of(System.getProperty("it.jboss.cli")).getParent().getParent();
    }

    private static String currentKey() {
        if (Server.isWildFly()) {
            String reply =
                    Server.jbossCli("/system-property=openaperture.secrets.current-key:read-attribute(name=value)");
            return reply.replaceAll("(?s).*\"result\" => \"([^\"]*)\".*", "$1");
        }
        return Server.asadmin(
                        "get-config-property",
                        "--source",
                        "domain",
                        "--propertyName",
                        "openaperture.secrets.current-key")
                .lines()
                .findFirst()
                .orElseThrow()
                .strip();
    }

    private static List<String> keys() throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(KEYS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("openaperture.secrets.key."))
                    .toList()) {
                keys.add(Files.readString(file).strip());
            }
        }
        return keys;
    }

    private static Run rotate() {
        return run("--keys", KEYS.toString(), "--wait", "120");
    }

    private record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private static Run run(String... options) {
        List<String> command = new ArrayList<>(List.of(System.getProperty("it.rotate.script")));
        if (Server.isWildFly()) {
            command.addAll(List.of(
                    "--wildfly",
                    wildFlyHome().toString(),
                    "--controller",
                    "127.0.0.1:" + System.getProperty("it.management.port")));
        } else {
            command.addAll(List.of(
                    "--asadmin", System.getProperty("it.asadmin"), "--port", System.getProperty("it.admin.port")));
        }
        command.addAll(List.of("--url", System.getProperty("it.base.url")));
        command.addAll(List.of(options));
        try {
            Path out = Files.createTempFile("rotate", ".out");
            Path err = Files.createTempFile("rotate", ".err");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.put("OA_TOKEN", Tokens.mint("it-rotation", "admin"));
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("rotate-secret-key.sh did not finish: " + Files.readString(err));
            }
            Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            assertEquals(0, run.exit(), run.toString());
            return run;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
