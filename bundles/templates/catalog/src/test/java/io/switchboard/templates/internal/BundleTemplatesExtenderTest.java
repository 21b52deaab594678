package io.switchboard.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchboard.templates.api.Template;
import io.switchboard.templates.api.TemplateCatalog;
import io.switchboard.templates.api.TemplateSource;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

class BundleTemplatesExtenderTest {
    @TempDir
    Path content;

    private final TemplateRegistry registry = new TemplateRegistry();
    private final BundleTemplatesExtender extender = new BundleTemplatesExtender(mock(BundleContext.class),
            new TemplateParser(4096, SyntaxChecker.NONE), registry);

    private Bundle bundle(long id, String header, List<URL> entries) {
        Bundle bundle = mock(Bundle.class);
        Hashtable<String, String> headers = new Hashtable<>();
        if (header != null) {
            headers.put(TemplateCatalog.TEMPLATES_HEADER, header);
        }
        when(bundle.getHeaders("")).thenReturn(headers);
        when(bundle.getBundleId()).thenReturn(id);
        when(bundle.getSymbolicName()).thenReturn("acme.templates");
        when(bundle.getVersion()).thenReturn(new Version(1, 2, 3));
        when(bundle.findEntries("templates/", "*.js", false)).thenReturn(Collections.enumeration(entries));
        return bundle;
    }

    private URL entry(String name, String text) throws Exception {
        Path file = Files.writeString(content.resolve(name), text);
        return file.toUri().toURL();
    }

    private static String template(String name) {
        return TemplateParserTest.file("{\"name\": \"" + name + "\"}", "async function lambda(input) { return 1; }");
    }

    @Test
    void aStartedBundleWithTheHeaderAddsItsTemplatesAndStoppingRemovesThem() throws Exception {
        Bundle bundle = bundle(7, "templates/", List.of(entry("one.js", template("One")), entry("two.js", template("Two"))));

        assertThat(extender.addingBundle(bundle, null)).isSameAs(bundle);
        assertThat(registry.snapshot()).containsOnlyKeys("one", "two");
        assertThat(registry.snapshot().get("one").source())
                .isEqualTo(new TemplateSource(TemplateSource.Kind.BUNDLE, "acme.templates 1.2.3"));

        extender.removedBundle(bundle, null, bundle);
        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void aBundleWithoutTheHeaderIsNotTracked() {
        assertThat(extender.addingBundle(bundle(8, null, List.of()), null)).isNull();
        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void aBrokenTemplateOfABundleIsLeftOutAndTheOthersCount() throws Exception {
        Bundle bundle = bundle(9, "templates/", List.of(entry("good.js", template("Good")), entry("bad.js", "no metadata")));

        extender.addingBundle(bundle, null);

        assertThat(registry.snapshot()).containsOnlyKeys("good");
    }

    @Test
    void aFolderTemplateOverridesABundleTemplateOfTheSameIdUntilItIsRemoved() throws Exception {
        Bundle bundle = bundle(10, "templates/", List.of(entry("greeting.js", template("Shipped"))));
        extender.addingBundle(bundle, null);
        TemplateRegistry.SourceKey folder = new TemplateRegistry.SourceKey(Long.MIN_VALUE, "folder");
        Template operators = new TemplateParser(4096, SyntaxChecker.NONE).parse("greeting.js",
                template("Operator's").getBytes(), new TemplateSource(TemplateSource.Kind.FOLDER, "/deploy/templates/greeting.js"));

        registry.put(folder, operators);
        assertThat(registry.snapshot().get("greeting").name()).isEqualTo("Operator's");

        registry.remove(folder, "greeting");
        assertThat(registry.snapshot().get("greeting").name()).isEqualTo("Shipped");
    }
}
