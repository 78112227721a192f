package org.openaperture.builder.domain;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the deployment repo's {@code .eex} templates. They only ever use {@code <%= var %>}, so that is all
 * this supports (components.md §11): a known variable is replaced by its value, an unknown one is left as it is.
 */
public final class TemplateRenderer {
    private static final Pattern VARIABLE = Pattern.compile("<%=\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*%>");

    private TemplateRenderer() {}

    public static String render(String template, Map<String, String> variables) {
        Objects.requireNonNull(template, "template");
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The file a template renders to, or null when {@code fileName} is no template the Builder renders:
     * {@code Dockerfile.eex}, {@code install.sh.eex}, {@code update.sh.eex}, {@code *.service.eex} and
     * {@code ecs_task_definition.json.eex} (components.md §4.3).
     */
    public static String target(String fileName) {
        if (!fileName.endsWith(".eex")) {
            return null;
        }
        String target = fileName.substring(0, fileName.length() - ".eex".length());
        return switch (target) {
            case "Dockerfile", "install.sh", "update.sh", "ecs_task_definition.json" -> target;
            default -> target.endsWith(".service") && target.length() > ".service".length() ? target : null;
        };
    }
}
