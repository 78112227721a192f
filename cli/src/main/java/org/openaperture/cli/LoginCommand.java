package org.openaperture.cli;

import jakarta.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code oa login}: checks a URL and token against {@code /users/me}, then stores them. */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Checks --url and --token against the Manager and stores them for the next commands.",
            "The login file is created readable by you only; the token is never printed."
        })
final class LoginCommand implements Callable<Integer> {

    @ParentCommand
    OaCommand root;

    @Override
    public Integer call() {
        String url = root.resolvedUrl();
        String token = root.resolvedToken();
        if (url == null || token == null) {
            throw new CliException(
                    ExitCodes.USAGE, "login needs --url URL and --token TOKEN ('-' reads it from stdin)");
        }
        JsonObject me;
        try {
            me = new ManagerApi(url, token, root.timeout()).get("/users/me").asJsonObject();
        } catch (ApiException e) {
            throw new CliException(e.exitCode(), "login failed, nothing stored: " + e.describe("login", url));
        } catch (CliException e) {
            throw new CliException(e.exitCode(), "login failed, nothing stored: " + e.getMessage());
        }
        Config config = root.config();
        config.save(new Config.Login(url.replaceAll("/+$", ""), token));
        if (root.json()) {
            root.out().println(JsonText.pretty(me));
        } else {
            root.out().println("logged in to " + url + " as " + who(me));
            root.out().println("login stored in " + config.path());
        }
        root.out().flush();
        return ExitCodes.OK;
    }

    private static String who(JsonObject me) {
        String name = JsonText.text(me, "name");
        String subject = JsonText.text(me, "subject");
        String email = JsonText.text(me, "email");
        StringBuilder who = new StringBuilder(name != null ? name : subject != null ? subject : "user");
        if (email != null) {
            who.append(" <").append(email).append('>');
        }
        if (subject != null && !subject.equals(name)) {
            who.append(" (subject ").append(subject).append(')');
        }
        String id = JsonText.text(me, "id");
        if (id != null) {
            who.append(", user id ").append(id);
        }
        return who.toString();
    }
}
