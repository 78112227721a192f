package org.openaperture.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code oa}: the options every command shares, and how a command reaches the Manager. */
@Command(
        name = "oa",
        mixinStandardHelpOptions = true,
        version = "oa 0.1.0",
        description = "The command-line client of the OpenAperture Manager.",
        subcommands = {
            LoginCommand.class,
            ExchangesCommand.class,
            BrokersCommand.class,
            ModulesCommand.class,
            EventsCommand.class,
            TopologyCommand.class,
            WorkflowsCommand.class,
            DeployCommand.class
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  OA_URL, OA_TOKEN  override the stored login; --url and --token override both",
            "  OA_CONFIG         the login file; by default",
            "                    $XDG_CONFIG_HOME/openaperture/cli.json or",
            "                    ~/.config/openaperture/cli.json",
            "",
            "Exit codes:",
            "  0  success",
            "  1  a followed workflow failed or was cancelled; other failures",
            "  2  wrong arguments or options",
            "  3  the Manager cannot be reached (refused, timed out)",
            "  4  not logged in, or the token is missing, expired or invalid (401)",
            "  5  the token's roles do not allow the request (403)",
            "  6  the Manager refused the request (400, 404, 409, 5xx)"
        })
public final class OaCommand implements Callable<Integer> {

    enum Output {
        table,
        json
    }

    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "The Manager's URL, e.g. http://127.0.0.1:8080")
    String url;

    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            paramLabel = "TOKEN",
            description = "A bearer token; '-' reads it from standard input")
    String token;

    @Option(
            names = "--timeout",
            scope = ScopeType.INHERIT,
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "How long to wait for the Manager (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(
            names = {"-o", "--output"},
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table (for people, the default) or json (the Manager's JSON, for scripts)")
    Output output;

    @Spec
    CommandSpec spec;

    private final Env env;
    private String stdinToken;

    OaCommand(Env env) {
        this.env = env;
    }

    /** The whole CLI, writing to the streams of {@code env}. */
    public static CommandLine commandLine(Env env) {
        OaCommand root = new OaCommand(env);
        CommandLine cli = new CommandLine(root);
        cli.setOut(env.out());
        cli.setErr(env.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(root::failed);
        cli.setParameterExceptionHandler(OaCommand::wrongArguments);
        return cli;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    Env env() {
        return env;
    }

    PrintWriter out() {
        return env.out();
    }

    boolean json() {
        return output == Output.json;
    }

    Config config() {
        return Config.of(env);
    }

    /** The URL to use: --url, else OA_URL, else the stored login. */
    String resolvedUrl() {
        if (url != null && !url.isBlank()) {
            return url;
        }
        String fromEnv = env.var("OA_URL");
        return fromEnv != null ? fromEnv : config().load().url();
    }

    /** The token to use: --token, else OA_TOKEN, else the stored login. */
    String resolvedToken() {
        if (token != null && !token.isBlank()) {
            return "-".equals(token) ? tokenFromStdin() : token;
        }
        String fromEnv = env.var("OA_TOKEN");
        return fromEnv != null ? fromEnv : config().load().token();
    }

    private String tokenFromStdin() {
        if (stdinToken == null) {
            try {
                stdinToken = new String(env.in().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            } catch (java.io.IOException e) {
                throw new CliException(
                        ExitCodes.FAILED, "cannot read the token from standard input: " + e.getMessage());
            }
            if (stdinToken.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "--token -: standard input was empty");
            }
        }
        return stdinToken;
    }

    Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }

    /** The Manager as the user is logged in to it. */
    ManagerApi api() {
        String u = resolvedUrl();
        String t = resolvedToken();
        if (u == null || t == null) {
            throw new CliException(
                    ExitCodes.UNAUTHORIZED,
                    "not logged in: run oa login --url <manager-url> --token <token>"
                            + " (or set OA_URL and OA_TOKEN)");
        }
        return new ManagerApi(u, t, timeout());
    }

    /** One line on stderr, never a stack trace: the user cannot act on one. */
    private int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName(" ").replaceFirst("^oa ?", "");
        if (e instanceof ApiException api) {
            String u = resolvedUrlQuietly();
            err.println("oa: " + api.describe(name, u == null ? "<manager-url>" : u));
            err.flush();
            return api.exitCode();
        }
        if (e instanceof CliException cli) {
            err.println("oa: " + cli.getMessage());
            err.flush();
            return cli.exitCode();
        }
        err.println("oa: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        err.flush();
        return ExitCodes.FAILED;
    }

    /** The usage of the command that was called wrongly, always: a suggestion alone does not show the options. */
    private static int wrongArguments(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("oa: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.print(command.getUsageMessage());
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private String resolvedUrlQuietly() {
        try {
            return resolvedUrl();
        } catch (CliException e) {
            return null;
        }
    }
}
