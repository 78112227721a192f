package org.openaperture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginTest {

    private static final String TOKEN = "eyJ.secret.token";
    private static final String ME =
            "{\"id\":7,\"subject\":\"ada\",\"email\":\"ada@example.org\",\"name\":\"Ada Lovelace\"}";

    @TempDir
    Path home;

    private StubManager manager;
    private Cli cli;

    @BeforeEach
    void start() throws IOException {
        manager = new StubManager();
        cli = new Cli(home);
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    @Test
    void loginChecksTheTokenAndStoresItReadableByTheOwnerOnly() throws IOException {
        manager.json("GET /users/me", 200, ME);
        Cli.Result r = cli.run("login", "--url", manager.url(), "--token", TOKEN);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("logged in to " + manager.url() + " as Ada Lovelace"), r::toString);
        assertFalse(r.out().contains(TOKEN) || r.err().contains(TOKEN), r::toString);
        assertEquals(
                "Bearer " + TOKEN, manager.requests("GET", "/users/me").get(0).authorization());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.config)));
        assertTrue(Files.readString(cli.config).contains(TOKEN));

        manager.json("GET /messaging/brokers", 200, "[]");
        assertEquals(0, cli.run("brokers").code());
        assertEquals(
                "Bearer " + TOKEN,
                manager.requests("GET", "/messaging/brokers").get(0).authorization());
    }

    @Test
    void aTokenFromStandardInput() throws IOException {
        manager.json("GET /users/me", 200, ME);
        cli.stdin = TOKEN + "\n";
        Cli.Result r = cli.run("login", "--url", manager.url(), "--token", "-");
        assertEquals(0, r.code(), r::toString);
        assertEquals(
                "Bearer " + TOKEN, manager.requests("GET", "/users/me").get(0).authorization());
        assertTrue(Files.readString(cli.config).contains(TOKEN));
    }

    @Test
    void aRejectedLoginIsNotStored() {
        manager.problem("GET /users/me", 401, "Unauthorized", "this route needs a valid bearer token");
        Cli.Result r = cli.run("login", "--url", manager.url(), "--token", TOKEN);
        assertEquals(ExitCodes.UNAUTHORIZED, r.code(), r::toString);
        assertTrue(r.err().contains("login failed, nothing stored"), r::toString);
        assertFalse(r.err().contains(TOKEN), r::toString);
        assertFalse(Files.exists(cli.config));
    }

    @Test
    void theEnvironmentOverridesTheStoredLoginAndOptionsOverrideBoth() throws IOException {
        new Config(cli.config).save(new Config.Login("http://127.0.0.1:1", "stored"));
        manager.json("GET /messaging/brokers", 200, "[]");
        cli.vars.put("OA_URL", manager.url());
        cli.vars.put("OA_TOKEN", "from-env");
        assertEquals(0, cli.run("brokers").code());
        assertEquals("Bearer from-env", manager.requests.get(0).authorization());
        assertEquals(0, cli.run("brokers", "--token", "from-option").code());
        assertEquals("Bearer from-option", manager.requests.get(1).authorization());
    }

    @Test
    void theConfigFileFollowsXdgConfigHome() {
        cli.vars.remove("OA_CONFIG");
        Env env = new Env(null, null, null, java.util.Map.of("XDG_CONFIG_HOME", "/xdg"), home);
        assertEquals(Path.of("/xdg/openaperture/cli.json"), Config.of(env).path());
        Env plain = new Env(null, null, null, java.util.Map.of(), home);
        assertEquals(
                home.resolve(".config/openaperture/cli.json"), Config.of(plain).path());
    }
}
