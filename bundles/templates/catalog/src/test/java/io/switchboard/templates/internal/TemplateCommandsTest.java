package io.switchboard.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class TemplateCommandsTest {
    @TempDir
    Path deploy;

    private TemplateCatalogService catalog;
    private TemplateCommands commands;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(deploy.resolve("templates"));
        Files.writeString(deploy.resolve("templates/greeting.js"),
                TemplateParserTest.file("{\"name\": \"Greeting\"}", "async function lambda(i) { return 1; }"));
        Files.writeString(deploy.resolve("templates/ender.js"), TemplateParserTest.file(
                "{\"name\": \"Ender\", \"eventType\": \"controllerbot_messaging_conversation_end\", \"defaultForEvent\": true}",
                "async function lambda(i) { return []; }"));
        BundleContext context = mock(BundleContext.class);
        when(context.getProperty("switchboard.deploy")).thenReturn(deploy.toString());
        when(context.getBundles()).thenReturn(new Bundle[0]);
        catalog = new TemplateCatalogService(context, TemplateCatalogServiceTest.config(Map.of("checkSyntax", false)));
        commands = new TemplateCommands(catalog);
    }

    @AfterEach
    void stop() {
        catalog.deactivate();
    }

    @Test
    void templatesListsEveryTemplateWithVersionEventAndSource() {
        assertThat(commands.templates().lines())
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith("ender").contains("controllerbot_messaging_conversation_end").contains("[default]")
                        .contains("folder"))
                .anySatisfy(line -> assertThat(line).startsWith("greeting").contains("sha256:"));
    }

    @Test
    void templatesOfAnEventOrOfNoEventAreFiltered() {
        assertThat(commands.templates("controllerbot_messaging_conversation_end")).startsWith("ender").doesNotContain("greeting");
        assertThat(commands.templates("none")).startsWith("greeting").doesNotContain("ender");
        assertThat(commands.templates("nope")).isEqualTo("No templates");
    }

    @Test
    void reloadTemplatesSaysWhatWasRead() {
        assertThat(commands.reloadtemplates()).contains("Reloaded templates: 2 from").contains("2 in the catalogue");
    }
}
