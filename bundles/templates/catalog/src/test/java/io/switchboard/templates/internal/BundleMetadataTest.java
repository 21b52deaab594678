package io.switchboard.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** What bnd generated into target/classes (it runs before the tests): exports, imports, extender, components. */
class BundleMetadataTest {
    private static final Path CLASSES = Path.of("target", "classes");

    private static Attributes manifest() throws IOException {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    private static String header(String name) throws IOException {
        return manifest().getValue(name).replaceAll("\\s", "");
    }

    @Test
    void exportsOnlyTheVersionedApiAndKeepsTheInternalsPrivate() throws IOException {
        assertThat(header("Export-Package")).isEqualTo("io.switchboard.templates.api;version=\"1.1.0\"");
        assertThat(header("Private-Package")).isEqualTo("io.switchboard.templates.internal");
    }

    @Test
    void graalJsIsAnOptionalImport() throws IOException {
        assertThat(header("Import-Package")).contains("org.graalvm.polyglot;resolution:=optional");
    }

    @Test
    void providesTheExtenderCapabilityTemplateBundlesRequire() throws IOException {
        assertThat(header("Provide-Capability")).contains("osgi.extender;osgi.extender=\"switchboard.templates\";version:Version=\"1.0.0\"");
    }

    @Test
    void theCatalogueIsAnImmediateComponentWithTypedConfiguration() throws IOException {
        String component = Files.readString(CLASSES.resolve("OSGI-INF/io.switchboard.templates.internal.TemplateCatalogService.xml"),
                StandardCharsets.UTF_8);

        assertThat(component).contains("immediate=\"true\"").contains("configuration-pid=\"io.switchboard.templates\"")
                .contains("<provide interface=\"io.switchboard.templates.api.TemplateCatalog\"/>");
        assertThat(CLASSES.resolve("OSGI-INF/metatype/io.switchboard.templates.internal.TemplatesConfiguration.xml")).exists();
    }

    @Test
    void theShellCommandsAreInTheSwitchboardScope() throws IOException {
        String commands = Files.readString(CLASSES.resolve("OSGI-INF/io.switchboard.templates.internal.TemplateCommands.xml"),
                StandardCharsets.UTF_8);

        assertThat(commands).contains("name=\"osgi.command.scope\" type=\"String\" value=\"switchboard\"")
                .contains("templates").contains("reloadtemplates");
    }
}
