package org.openaperture.builder.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    @Test
    void replacesKnownVariablesAndKeepsUnknownOnes() {
        String out = TemplateRenderer.render(
                "FROM x\nLABEL c=<%= commit_hash %> t=<%=timestamp%>\nEXPOSE <%= dst_port %>\n",
                Map.of("commit_hash", "abc", "timestamp", "Mon, 30 Nov 2026 10:00:00 GMT"));
        assertEquals("FROM x\nLABEL c=abc t=Mon, 30 Nov 2026 10:00:00 GMT\nEXPOSE <%= dst_port %>\n", out);
    }

    @Test
    void valuesAreInsertedLiterally() {
        assertEquals("a$1\\b", TemplateRenderer.render("a<%= v %>", Map.of("v", "$1\\b")));
    }

    @Test
    void rendersOnlyTheTemplatesTheBuilderKnows() {
        assertEquals("Dockerfile", TemplateRenderer.target("Dockerfile.eex"));
        assertEquals("install.sh", TemplateRenderer.target("install.sh.eex"));
        assertEquals("update.sh", TemplateRenderer.target("update.sh.eex"));
        assertEquals("my@.service", TemplateRenderer.target("my@.service.eex"));
        assertEquals("ecs_task_definition.json", TemplateRenderer.target("ecs_task_definition.json.eex"));
        assertNull(TemplateRenderer.target("README.md.eex"));
        assertNull(TemplateRenderer.target(".service.eex"));
        assertNull(TemplateRenderer.target("Dockerfile"));
    }
}
