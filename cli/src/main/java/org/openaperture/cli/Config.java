package org.openaperture.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The stored login: the Manager's URL and a bearer token, in {@code cli.json}. The file holds a secret, so it is
 * created readable by its owner only; it is never widened and then narrowed.
 */
final class Config {

    /** The login as stored; either member may be null. */
    record Login(String url, String token) {}

    private final Path path;

    Config(Path path) {
        this.path = path;
    }

    /** {@code OA_CONFIG}, else under {@code XDG_CONFIG_HOME}, else under {@code ~/.config}. */
    static Config of(Env env) {
        String explicit = env.var("OA_CONFIG");
        if (explicit != null) {
            return new Config(Path.of(explicit));
        }
        String xdg = env.var("XDG_CONFIG_HOME");
        Path base = xdg != null ? Path.of(xdg) : env.home().resolve(".config");
        return new Config(base.resolve("openaperture").resolve("cli.json"));
    }

    Path path() {
        return path;
    }

    Login load() {
        if (!Files.exists(path)) {
            return new Login(null, null);
        }
        try {
            JsonObject json = JsonText.parse(Files.readString(path)).asJsonObject();
            return new Login(JsonText.text(json, "url"), JsonText.text(json, "token"));
        } catch (IOException | RuntimeException e) {
            throw new CliException(ExitCodes.FAILED, "cannot read " + path + ": " + e.getMessage());
        }
    }

    void save(Login login) {
        JsonObject json = Json.createObjectBuilder()
                .add("url", login.url())
                .add("token", login.token())
                .build();
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir, attributes("rwx------"));
            // Written beside the target and moved over it, so a reader never sees half a file.
            Path temp = Files.createTempFile(dir, ".cli", ".json", attributes("rw-------"));
            try {
                Files.writeString(temp, JsonText.pretty(json) + "\n", StandardCharsets.UTF_8);
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot write " + path + ": " + e.getMessage());
        }
    }

    private static FileAttribute<?>[] attributes(String permissions) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> set = PosixFilePermissions.fromString(permissions);
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(set)};
    }
}
