package io.switchboard.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.templates.api.TemplateCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The bundle is found by the catalogue's extender: its header names the folder and it requires the extender. */
class TemplateBundleManifestTest {

    private static Attributes manifest() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target", "classes", "META-INF", "MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    @Test
    void theTemplatesHeaderNamesTheFolderOfTheShippedTemplates() throws IOException {
        String folder = manifest().getValue(TemplateCatalog.TEMPLATES_HEADER);

        assertThat(folder).isEqualTo("templates/");
        assertThat(Path.of("target", "classes").resolve(folder)).isEqualTo(ShippedTemplatesTest.FOLDER);
    }

    @Test
    void theBundleRequiresTheTemplateExtenderAndImportsNothing() throws IOException {
        Attributes manifest = manifest();

        assertThat(manifest.getValue("Require-Capability").replaceAll("\\s", ""))
                .contains("osgi.extender;filter:=\"(&(osgi.extender=switchboard.templates)(version>=1.0.0)(!(version>=2.0.0)))\"");
        assertThat(manifest.getValue("Import-Package")).isNull();
        assertThat(manifest.getValue("Export-Package")).isNull();
    }
}
