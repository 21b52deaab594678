package io.switchboard.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchboard.templates.api.Template;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class TemplateCatalogServiceTest {
    @TempDir
    Path deploy;

    private TemplateCatalogService catalog;

    static TemplatesConfiguration config(Map<String, Object> overrides) {
        return (TemplatesConfiguration) Proxy.newProxyInstance(TemplatesConfiguration.class.getClassLoader(),
                new Class<?>[] {TemplatesConfiguration.class}, (self, method, args) ->
                        overrides.containsKey(method.getName()) ? overrides.get(method.getName()) : method.getDefaultValue());
    }

    private TemplateCatalogService start(Map<String, Object> overrides) {
        BundleContext context = mock(BundleContext.class);
        when(context.getProperty("switchboard.deploy")).thenReturn(deploy.toString());
        when(context.getBundles()).thenReturn(new Bundle[0]);
        catalog = new TemplateCatalogService(context, config(overrides));
        return catalog;
    }

    @AfterEach
    void stop() {
        if (catalog != null) {
            catalog.deactivate();
        }
    }

    private void write(String file, String metadata) throws Exception {
        Files.createDirectories(deploy.resolve("templates"));
        Files.writeString(deploy.resolve("templates").resolve(file), TemplateParserTest.file(metadata, "async function lambda(i) { return 1; }"));
    }

    @Test
    void theDefaultFolderIsTemplatesInTheDeployFolder() {
        start(Map.of());

        assertThat(catalog.watchedFolder()).contains(deploy.resolve("templates").toAbsolutePath());
        assertThat(Files.isDirectory(deploy.resolve("templates"))).isTrue();
    }

    @Test
    void aConfiguredFolderWinsOverTheDeployFolder() {
        Path own = deploy.resolve("elsewhere");
        start(Map.of("folder", own.toString()));

        assertThat(catalog.watchedFolder()).contains(own.toAbsolutePath());
    }

    @Test
    void templatesAreListedByIdAndFilteredByEventWithTheDefaultFirst() throws Exception {
        write("b-extra.js", "{\"name\": \"B extra\", \"eventType\": \"ev\"}");
        write("z-default.js", "{\"name\": \"Z default\", \"eventType\": \"ev\", \"defaultForEvent\": true}");
        write("greeting.js", "{\"name\": \"Greeting\"}");
        start(Map.of());

        assertThat(catalog.list()).extracting(Template::id).containsExactly("b-extra", "greeting", "z-default");
        assertThat(catalog.forEventType("ev")).extracting(Template::id).containsExactly("z-default", "b-extra");
        assertThat(catalog.forEventType(null)).extracting(Template::id).containsExactly("greeting");
        assertThat(catalog.get("greeting")).map(Template::name).contains("Greeting");
        assertThat(catalog.get("nope")).isEmpty();
    }

    @Test
    void reloadReadsTheFolderAgainAndSaysWhatItFound() throws Exception {
        start(Map.of());
        write("greeting.js", "{\"name\": \"Greeting\"}");

        assertThat(catalog.reload()).contains("Reloaded templates: 1 from").contains("1 in the catalogue");
        Await.until("greeting listed", Duration.ofSeconds(1), () -> catalog.get("greeting").isPresent());
    }

    @Test
    void anOversizedTemplateIsRejectedByTheConfiguredLimit() throws Exception {
        write("big.js", "{\"name\": \"Big\", \"description\": \"" + "x".repeat(300) + "\"}");
        write("small.js", "{\"name\": \"Small\"}");

        start(Map.of("maxTemplateBytes", 200));

        assertThat(catalog.list()).extracting(Template::id).containsExactly("small");
    }
}
