package org.openaperture.e2e.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.openaperture.e2e.original.Checks.assertCreated;
import static org.openaperture.e2e.original.Checks.assertFieldError;
import static org.openaperture.e2e.original.Checks.assertProblem;
import static org.openaperture.e2e.original.Checks.assertStatus;
import static org.openaperture.e2e.original.Checks.assertUpdated;
import static org.openaperture.e2e.original.Checks.unique;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient.Reply;

/** The original {@code system_component_refs_test}, case by case, over HTTP. */
class SystemComponentRefsIT {

    private static String ref(String type, boolean autoUpgrade) {
        return "{\"type\":\"" + type + "\",\"source_repo\":\"https://github.com/test/test.git\","
                + "\"source_repo_git_ref\":\"123abc\",\"auto_upgrade_enabled\":" + autoUpgrade + "}";
    }

    private static String createRef() {
        String type = unique("test");
        assertStatus(201, As.admin().post("/system_component_refs", ref(type, true)));
        return type;
    }

    private static void deleteAllRefs() {
        for (JsonObject r : As.viewer().get("/system_component_refs").array().getValuesAs(JsonObject.class)) {
            assertStatus(204, As.admin().delete("/system_component_refs/" + r.getString("type")));
        }
    }

    @Test
    @DisplayName("index - no components")
    void indexNoComponents() {
        deleteAllRefs();

        Reply reply = As.viewer().get("/system_component_refs");

        assertStatus(200, reply);
        assertEquals(0, reply.array().size(), reply::body);
    }

    @Test
    @DisplayName("index - components")
    void indexComponents() {
        deleteAllRefs();
        createRef();
        createRef();

        Reply reply = As.viewer().get("/system_component_refs");

        assertStatus(200, reply);
        assertEquals(2, reply.array().size(), reply::body);
    }

    @Test
    @DisplayName("show - invalid component")
    void showInvalidComponent() {
        assertProblem(404, As.viewer().get("/system_component_refs/" + unique("junk")));
    }

    @Test
    @DisplayName("show - valid component")
    void showValidComponent() {
        String type = createRef();

        Reply reply = As.viewer().get("/system_component_refs/" + type);

        assertStatus(200, reply);
        JsonObject r = reply.json();
        assertEquals(type, r.getString("type"));
        assertEquals("https://github.com/test/test.git", r.getString("source_repo"));
        assertEquals("123abc", r.getString("source_repo_git_ref"));
        assertEquals(true, r.getBoolean("auto_upgrade_enabled"));
    }

    @Test
    @DisplayName("create - conflict")
    void createConflict() {
        String type = createRef();

        assertProblem(409, As.admin().post("/system_component_refs", ref(type, true)));
    }

    @Test
    @DisplayName("create - bad request")
    void createBadRequest() {
        assertFieldError(400, As.admin().post("/system_component_refs", "{}"), "type");
    }

    /**
     * Stands for the original "create - internal server error" (a mocked insert that threw): a type longer
     * than its column (a database error, a 500 in the original) is now a 400 naming the field.
     */
    @Test
    @DisplayName("create - internal server error")
    void createInternalServerError() {
        String tooLong = "t".repeat(256);

        assertFieldError(400, As.admin().post("/system_component_refs", ref(tooLong, true)), "type");
        assertFalse(As.viewer().get("/system_component_refs").body().contains(tooLong), "nothing stored");
    }

    /** BUG fixed: the original left the type out of its changeset, so creating a ref always failed. */
    @Test
    @DisplayName("create - success")
    void createSuccess() {
        String type = unique("test");

        Reply reply = As.admin().post("/system_component_refs", ref(type, true));

        assertCreated(reply, "/system_component_refs/");
        assertEquals(type, As.viewer().get(reply.location()).json().getString("type"));
    }

    @Test
    @DisplayName("update - bad request")
    void updateBadRequest() {
        String type = createRef();

        assertFieldError(400, As.admin().put("/system_component_refs/" + type, "{}"), "source_repo");
    }

    /**
     * Stands for the original "update - internal server error" (a mocked update that threw): a source
     * repository with a NUL character, which PostgreSQL refuses (a 500 in the original), is now a 400.
     */
    @Test
    @DisplayName("update - internal server error")
    void updateInternalServerError() {
        String type = createRef();
        String body = ref(type, false).replace("https://github.com/test/test.git", "https://github.com/\\u0000");

        assertFieldError(400, As.admin().put("/system_component_refs/" + type, body), "source_repo");
        assertEquals(
                true, As.viewer().get("/system_component_refs/" + type).json().getBoolean("auto_upgrade_enabled"));
    }

    /** BUG fixed: the original validated without the type, so every update failed. */
    @Test
    @DisplayName("update - success")
    void updateSuccess() {
        String type = createRef();

        Reply reply = As.admin().put("/system_component_refs/" + type, ref(type, false));

        assertUpdated(reply, "/system_component_refs/");
        assertEquals(
                false, As.viewer().get("/system_component_refs/" + type).json().getBoolean("auto_upgrade_enabled"));
    }

    @Test
    @DisplayName("destroy - invalid component")
    void destroyInvalidComponent() {
        assertProblem(404, As.admin().delete("/system_component_refs/" + unique("0123456789")));
    }

    @Test
    @DisplayName("destroy - valid component")
    void destroyValidComponent() {
        String type = createRef();

        assertStatus(204, As.admin().delete("/system_component_refs/" + type));

        assertProblem(404, As.viewer().get("/system_component_refs/" + type));
    }
}
