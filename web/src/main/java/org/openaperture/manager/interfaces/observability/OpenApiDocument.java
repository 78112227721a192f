package org.openaperture.manager.interfaces.observability;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.openaperture.manager.interfaces.rest.BrokerConnectionResource;
import org.openaperture.manager.interfaces.rest.BrokerResource;
import org.openaperture.manager.interfaces.rest.BuildLogResource;
import org.openaperture.manager.interfaces.rest.ExchangeModuleResource;
import org.openaperture.manager.interfaces.rest.ExchangeResource;
import org.openaperture.manager.interfaces.rest.ExchangeRestrictionResource;
import org.openaperture.manager.interfaces.rest.FleetResource;
import org.openaperture.manager.interfaces.rest.RequestBodies;
import org.openaperture.manager.interfaces.rest.RpcRequestResource;
import org.openaperture.manager.interfaces.rest.SystemComponentRefResource;
import org.openaperture.manager.interfaces.rest.SystemComponentResource;
import org.openaperture.manager.interfaces.rest.SystemEventResource;
import org.openaperture.manager.interfaces.rest.TopologyResource;
import org.openaperture.manager.interfaces.rest.UserResource;
import org.openaperture.manager.interfaces.rest.WorkflowResource;

/**
 * The OpenAPI 3.0 document of the Manager API, read off the resources themselves so it cannot drift: paths
 * and methods from the JAX-RS annotations, roles from {@code @RolesAllowed} ({@code x-roles} and a bearer
 * security requirement), request schemas from the records named in {@code @RequestBody} (snake_case names,
 * as JSON-B writes them, with their Bean Validation limits), response schemas from the records returned.
 *
 * <p>Why not Payara's generator: it fails on Bean Validation annotations of records (a NullPointerException
 * in its schema processor) and, in an EAR, does not read the web module's configuration.
 */
public final class OpenApiDocument {

    /** The resources of the API; a test checks that the document lists every route of them with its roles. */
    static final List<Class<?>> RESOURCES = List.of(
            BrokerResource.class,
            BrokerConnectionResource.class,
            ExchangeResource.class,
            ExchangeRestrictionResource.class,
            ExchangeModuleResource.class,
            FleetResource.class,
            RpcRequestResource.class,
            SystemComponentResource.class,
            SystemComponentRefResource.class,
            SystemEventResource.class,
            WorkflowResource.class,
            BuildLogResource.class,
            TopologyResource.class,
            UserResource.class);

    static final String SCHEME = "jwt";

    private OpenApiDocument() {}

    public static JsonObject build() {
        Map<String, JsonObject> schemas = new TreeMap<>();
        Map<String, Map<String, JsonObject>> paths = new TreeMap<>();
        for (Class<?> resource : RESOURCES) {
            List<Method> methods = new ArrayList<>(List.of(resource.getMethods()));
            methods.sort(Comparator.comparing(Method::getName));
            for (Method method : methods) {
                String verb = httpMethod(method);
                if (verb != null) {
                    paths.computeIfAbsent(Routes.template(resource, method), p -> new TreeMap<>())
                            .put(verb, operation(resource, method, schemas));
                }
            }
        }
        JsonObjectBuilder pathsJson = JSON.createObjectBuilder();
        paths.forEach((path, operations) -> {
            JsonObjectBuilder item = JSON.createObjectBuilder();
            operations.forEach(item::add);
            pathsJson.add(path, item);
        });
        JsonObjectBuilder schemasJson = JSON.createObjectBuilder();
        schemas.forEach(schemasJson::add);
        return JSON.createObjectBuilder()
                .add("openapi", "3.0.3")
                .add(
                        "info",
                        JSON.createObjectBuilder()
                                .add("title", "OpenAperture Manager API")
                                .add("version", "1")
                                .add(
                                        "description",
                                        "Errors are application/problem+json (RFC 9457). Every route needs a bearer"
                                                + " token whose groups claim holds one of the route's roles."))
                .add("paths", pathsJson)
                .add(
                        "components",
                        JSON.createObjectBuilder()
                                .add("schemas", schemasJson)
                                .add(
                                        "securitySchemes",
                                        JSON.createObjectBuilder()
                                                .add(
                                                        SCHEME,
                                                        JSON.createObjectBuilder()
                                                                .add("type", "http")
                                                                .add("scheme", "bearer")
                                                                .add("bearerFormat", "JWT"))))
                .build();
    }

    private static JsonObject operation(Class<?> resource, Method method, Map<String, JsonObject> schemas) {
        JsonObjectBuilder operation =
                JSON.createObjectBuilder().add("operationId", resource.getSimpleName() + "." + method.getName());
        JsonArrayBuilder parameters = JSON.createArrayBuilder();
        for (java.lang.reflect.Parameter parameter : method.getParameters()) {
            PathParam path = parameter.getAnnotation(PathParam.class);
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (path != null) {
                parameters.add(parameter(path.value(), "path", true, parameter.getType()));
            } else if (query != null) {
                parameters.add(parameter(query.value(), "query", false, String.class));
            }
            RequestBody body = parameter.getAnnotation(RequestBody.class);
            if (body != null && body.content().length > 0) {
                Class<?> type = body.content()[0].schema().implementation();
                operation.add(
                        "requestBody",
                        JSON.createObjectBuilder()
                                .add("required", true)
                                .add("content", jsonContent(reference(type, schemas))));
            }
        }
        operation.add("parameters", parameters);
        JsonObjectBuilder ok = JSON.createObjectBuilder().add("description", "success");
        JsonValue returned = responseSchema(method.getGenericReturnType(), schemas);
        if (returned != null) {
            ok.add("content", jsonContent(returned));
        }
        if (producesEvents(method)) {
            ok.add(
                    "content",
                    JSON.createObjectBuilder()
                            .add(
                                    MediaType.SERVER_SENT_EVENTS,
                                    JSON.createObjectBuilder()
                                            .add(
                                                    "schema",
                                                    JSON.createObjectBuilder()
                                                            .add("type", "string")
                                                            .add(
                                                                    "description",
                                                                    "server-sent events; see the operation's"
                                                                            + " description"))));
        }
        operation.add(
                "responses",
                JSON.createObjectBuilder()
                        .add(successCode(method), ok)
                        .add(
                                "default",
                                JSON.createObjectBuilder()
                                        .add("description", "an error, as application/problem+json")));
        List<String> roles = roles(resource, method);
        JsonArrayBuilder rolesJson = JSON.createArrayBuilder();
        roles.forEach(rolesJson::add);
        JsonArray rolesArray = rolesJson.build();
        operation.add("x-roles", rolesArray);
        operation.add(
                "security",
                JSON.createArrayBuilder().add(JSON.createObjectBuilder().add(SCHEME, rolesArray)));
        operation.add("description", "Roles: " + String.join(", ", roles) + ".");
        return operation.build();
    }

    private static boolean producesEvents(Method method) {
        Produces produces = method.getAnnotation(Produces.class);
        return produces != null && List.of(produces.value()).contains(MediaType.SERVER_SENT_EVENTS);
    }

    private static String successCode(Method method) {
        if (method.isAnnotationPresent(DELETE.class) || method.isAnnotationPresent(PUT.class)) {
            return "204";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return switch (method.getName()) {
                case "execute" -> "202";
                case "create", "register" -> "201";
                case "upgrade", "assign", "dismiss" -> "204";
                default -> "200";
            };
        }
        return "200";
    }

    private static JsonObject parameter(String name, String in, boolean required, Class<?> type) {
        return JSON.createObjectBuilder()
                .add("name", name)
                .add("in", in)
                .add("required", required)
                .add("schema", typeSchema(type))
                .build();
    }

    private static JsonObject jsonContent(JsonValue schema) {
        return JSON.createObjectBuilder()
                .add("application/json", JSON.createObjectBuilder().add("schema", schema))
                .build();
    }

    private static JsonValue responseSchema(Type type, Map<String, JsonObject> schemas) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return reference(c, schemas);
        }
        if (type instanceof ParameterizedType p
                && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> element
                && element.isRecord()) {
            return JSON.createObjectBuilder()
                    .add("type", "array")
                    .add("items", reference(element, schemas))
                    .build();
        }
        return null;
    }

    private static JsonObject reference(Class<?> record, Map<String, JsonObject> schemas) {
        String name = record.getSimpleName();
        if (!schemas.containsKey(name)) {
            schemas.put(name, JsonValue.EMPTY_JSON_OBJECT);
            schemas.put(name, recordSchema(record));
        }
        return JSON.createObjectBuilder()
                .add("$ref", "#/components/schemas/" + name)
                .build();
    }

    private static JsonObject recordSchema(Class<?> record) {
        JsonObjectBuilder properties = JSON.createObjectBuilder();
        JsonArrayBuilder required = JSON.createArrayBuilder();
        boolean anyRequired = false;
        for (RecordComponent component : record.getRecordComponents()) {
            String name = RequestBodies.snakeCase(component.getName());
            JsonObjectBuilder property = JSON.createObjectBuilder(typeSchema(component.getType()));
            Size size = component.getAnnotation(Size.class);
            if (size != null && component.getType() == String.class) {
                property.add("maxLength", size.max());
                if (size.min() > 0) {
                    property.add("minLength", size.min());
                }
            }
            if (component.isAnnotationPresent(NotBlank.class)) {
                property.add("minLength", 1);
            }
            if (component.isAnnotationPresent(Positive.class)) {
                property.add("minimum", 1);
            }
            Min min = component.getAnnotation(Min.class);
            if (min != null) {
                property.add("minimum", min.value());
            }
            Max max = component.getAnnotation(Max.class);
            if (max != null) {
                property.add("maximum", max.value());
            }
            Pattern pattern = component.getAnnotation(Pattern.class);
            if (pattern != null) {
                property.add("pattern", pattern.regexp());
            }
            properties.add(name, property);
            if (component.isAnnotationPresent(NotNull.class) || component.isAnnotationPresent(NotBlank.class)) {
                required.add(name);
                anyRequired = true;
            }
        }
        JsonObjectBuilder schema =
                JSON.createObjectBuilder().add("type", "object").add("properties", properties);
        if (anyRequired) {
            schema.add("required", required);
        }
        return schema.build();
    }

    private static JsonObject typeSchema(Class<?> type) {
        JsonObjectBuilder schema = JSON.createObjectBuilder();
        if (type == String.class) {
            schema.add("type", "string");
        } else if (type == Long.class || type == long.class) {
            schema.add("type", "integer").add("format", "int64");
        } else if (type == Integer.class || type == int.class) {
            schema.add("type", "integer").add("format", "int32");
        } else if (type == Boolean.class || type == boolean.class) {
            schema.add("type", "boolean");
        } else if (JsonValue.class.isAssignableFrom(type)) {
            schema.add("description", "any JSON value");
        }
        return schema.build();
    }

    private static List<String> roles(Class<?> resource, Method method) {
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? List.of() : List.of(allowed.value());
    }

    static String httpMethod(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "get";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "post";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "put";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "delete";
        }
        return null;
    }
}
