package org.openaperture.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTTP error answer of the Manager, read from its RFC 9457 problem details when it sent them. */
final class ApiException extends CliException {

    /** How the Manager's 403 detail names the roles a route allows. */
    private static final Pattern NEEDS = Pattern.compile("needs one of:\\s*(.+)$");

    private final int status;
    private final String title;
    private final String detail;
    private final List<String> errors;

    ApiException(int status, String title, String detail, List<String> errors) {
        super(exitCode(status), detail != null ? detail : title);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    static ApiException of(int status, String body) {
        JsonValue json = JsonText.tryParse(body);
        if (!(json instanceof JsonObject problem)) {
            return new ApiException(status, "HTTP " + status, null, List.of());
        }
        List<String> errors = new ArrayList<>();
        for (JsonObject error : JsonText.objects(JsonText.array(problem, "errors"))) {
            String field = JsonText.text(error, "field");
            String message = JsonText.text(error, "message");
            errors.add(field == null ? message : field + ": " + message);
        }
        String title = JsonText.text(problem, "title");
        return new ApiException(
                status, title == null ? "HTTP " + status : title, JsonText.text(problem, "detail"), errors);
    }

    int status() {
        return status;
    }

    /** One line for the user of {@code command} (e.g. {@code workflows execute}) against {@code url}. */
    String describe(String command, String url) {
        return switch (status) {
            case 401 ->
                "not authorized: the token is missing, expired or invalid for " + url
                        + "; log in again with: oa login --url " + url + " --token <token>";
            case 403 ->
                "forbidden: " + (command.isEmpty() ? "this request" : "oa " + command) + " needs one of the roles "
                        + roles(command) + ", which your token does not carry";
            default -> {
                String text = detail != null && !detail.isBlank() ? detail : title;
                String line = "error " + status + " (" + title + "): " + text;
                yield errors.isEmpty() ? line : line + " [" + String.join("; ", errors) + "]";
            }
        };
    }

    private String roles(String command) {
        if (detail != null) {
            Matcher m = NEEDS.matcher(detail.strip());
            if (m.find()) {
                return m.group(1).replaceAll("[.\\s]+$", "");
            }
        }
        List<String> known = CommandRoles.of(command);
        return known.isEmpty() ? "(unknown)" : String.join(", ", known);
    }

    private static int exitCode(int status) {
        return switch (status) {
            case 401 -> ExitCodes.UNAUTHORIZED;
            case 403 -> ExitCodes.FORBIDDEN;
            default -> ExitCodes.REFUSED;
        };
    }
}
