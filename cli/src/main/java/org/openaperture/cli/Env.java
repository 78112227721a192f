package org.openaperture.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch outside its arguments. Injected rather than read from {@code System}, so that tests
 * run the CLI in-process with their own streams, environment and home directory.
 */
public record Env(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> vars, Path home) {

    public static Env system() {
        return new Env(
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                System.in,
                System.getenv(),
                Path.of(System.getProperty("user.home")));
    }

    public String var(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
