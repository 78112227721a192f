package org.openaperture.manager.interfaces.observability;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;

/** The route template of a resource method, e.g. {@code /messaging/exchanges/{id}/modules/{hostname}}. */
final class Routes {

    private Routes() {}

    static String template(Class<?> resourceClass, Method method) {
        StringBuilder template = new StringBuilder();
        append(template, resourceClass.getAnnotation(Path.class));
        if (method != null) {
            append(template, method.getAnnotation(Path.class));
        }
        return template.length() == 0 ? "/" : template.toString();
    }

    private static void append(StringBuilder template, Path path) {
        if (path == null) {
            return;
        }
        String value = path.value().replaceAll("^/+|/+$", "");
        if (!value.isEmpty()) {
            template.append('/').append(value);
        }
    }
}
