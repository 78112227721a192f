package org.openaperture.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code oa} in-process, with its own environment, home and login file. */
final class Cli {

    /** How a run ended. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    final Path home;
    final Path config;
    final Map<String, String> vars = new HashMap<>();
    String stdin = "";

    Cli(Path home) {
        this.home = home;
        this.config = home.resolve("config").resolve("cli.json");
        vars.put("OA_CONFIG", config.toString());
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Env env = new Env(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                Map.copyOf(vars),
                home);
        int code = OaCommand.commandLine(env).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
