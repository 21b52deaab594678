package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Checks what bnd generated into target/classes (it runs before the tests): the bundle must import only what
 * the runtime provides, export nothing, and register the servlet where the whiteboard expects it.
 */
class BundleMetadataTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final List<String> PROVIDED_BY_RUNTIME = List.of("jakarta.servlet", "org.osgi.", "com.fasterxml.jackson.",
            "org.slf4j", "io.switchboard.core.api.", "io.switchboard.templates.api", "io.switchboard.http.api");

    private static Manifest manifest() throws IOException {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }

    @Test
    void importsOnlyPackagesTheRuntimeProvides() throws IOException {
        List<String> imports = packageNames(manifest().getMainAttributes().getValue("Import-Package"));

        assertThat(imports).isNotEmpty()
                .allSatisfy(name -> assertThat(PROVIDED_BY_RUNTIME).anyMatch(name::startsWith));
    }

    @Test
    void exportsNothingAndCarriesOnlyItsOwnPackages() throws IOException {
        var attributes = manifest().getMainAttributes();

        assertThat(attributes.getValue("Export-Package")).isNull();
        assertThat(packageNames(attributes.getValue("Private-Package"))).allMatch(name -> name.startsWith("io.switchboard.api.http.internal"));
    }

    @Test
    void theServletIsAWhiteboardComponentUnderApiV1WithItsConfigurationPid() throws IOException {
        String component = Files.readString(CLASSES.resolve("OSGI-INF/io.switchboard.api.http.internal.ApiServlet.xml"), StandardCharsets.UTF_8);

        assertThat(component)
                .contains("configuration-pid=\"io.switchboard.api.http\"")
                .contains("<provide interface=\"jakarta.servlet.Servlet\"/>")
                .contains("osgi.http.whiteboard.servlet.pattern")
                .contains("/api/v1/*")
                .contains("name=\"maxBodyBytes\" type=\"Long\" value=\"1048576\"");
        assertThat(CLASSES.resolve("OSGI-INF/metatype/io.switchboard.api.http.internal.ApiConfiguration.xml")).exists();
    }

    @Test
    void theTemplateApiIsAnOptionalImportUsedOnlyByTheTemplatesComponent() throws IOException {
        String imports = manifest().getMainAttributes().getValue("Import-Package").replaceAll("\\s", "");
        String servlet = Files.readString(CLASSES.resolve("OSGI-INF/io.switchboard.api.http.internal.ApiServlet.xml"), StandardCharsets.UTF_8);
        String templates = Files.readString(CLASSES.resolve("OSGI-INF/io.switchboard.api.http.internal.templates.TemplatesResource.xml"),
                StandardCharsets.UTF_8);

        assertThat(imports).contains("io.switchboard.templates.api;resolution:=optional");
        assertThat(servlet).contains("interface=\"io.switchboard.api.http.internal.resource.TemplateEndpoints\"")
                .contains("cardinality=\"0..1\"").contains("policy=\"dynamic\"").doesNotContain("io.switchboard.templates.api");
        assertThat(templates).contains("interface=\"io.switchboard.templates.api.TemplateCatalog\"");
    }

    /** Package names of an OSGi header, ignoring attributes and directives (which may contain commas in quotes). */
    private static List<String> packageNames(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        boolean quoted = false;
        StringBuilder clause = new StringBuilder();
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                names.add(clause.toString().split(";")[0].trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }
}
