package io.switchboard.templates.internal;

import io.switchboard.templates.api.RejectedTemplate;
import io.switchboard.templates.api.Template;
import io.switchboard.templates.api.TemplateCatalog;
import io.switchboard.templates.api.TemplateSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extender for bundles that carry templates: a started bundle with the {@value TemplateCatalog#TEMPLATES_HEADER}
 * header contributes the {@code *.js} templates of the folders the header names; when it stops or is uninstalled its
 * templates leave the catalogue. A file that does not parse is logged and left out; the bundle's other templates count.
 */
final class BundleTemplatesExtender implements BundleTrackerCustomizer<Bundle>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BundleTemplatesExtender.class);

    private final TemplateParser parser;
    private final TemplateRegistry registry;
    private final BundleTracker<Bundle> tracker;

    BundleTemplatesExtender(BundleContext context, TemplateParser parser, TemplateRegistry registry) {
        this.parser = parser;
        this.registry = registry;
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, this);
    }

    void open() {
        tracker.open();
    }

    @Override
    public void close() {
        tracker.close();
    }

    /** Reads every tracked bundle's templates again; returns how many bundles carry templates. */
    int reload() {
        Bundle[] bundles = tracker.getBundles();
        if (bundles == null) {
            return 0;
        }
        for (Bundle bundle : bundles) {
            registry.replaceSource(key(bundle), read(bundle));
        }
        return bundles.length;
    }

    @Override
    public Bundle addingBundle(Bundle bundle, BundleEvent event) {
        if (bundle.getHeaders("").get(TemplateCatalog.TEMPLATES_HEADER) == null) {
            return null;
        }
        registry.clearRejections(key(bundle));
        List<Template> templates = read(bundle);
        registry.replaceSource(key(bundle), templates);
        LOG.info("Bundle {} added {} template(s)", bundle.getSymbolicName(), templates.size());
        return bundle;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
        // Tracked only while ACTIVE: an update stops the bundle first (removed) and starts it again (added).
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
        registry.removeSource(key(bundle));
        LOG.info("Bundle {} stopped: its templates left the catalogue; functions created from them are not affected",
                bundle.getSymbolicName());
    }

    private static TemplateRegistry.SourceKey key(Bundle bundle) {
        return new TemplateRegistry.SourceKey(bundle.getBundleId(), "bundle " + bundle.getBundleId());
    }

    private List<Template> read(Bundle bundle) {
        String header = bundle.getHeaders("").get(TemplateCatalog.TEMPLATES_HEADER);
        String where = bundle.getSymbolicName() + " " + bundle.getVersion();
        List<Template> templates = new ArrayList<>();
        for (String folder : header.split(",")) {
            for (URL entry : entries(bundle, folder.trim())) {
                String fileName = entry.getPath().substring(entry.getPath().lastIndexOf('/') + 1);
                try {
                    templates.add(parser.parse(fileName, readBounded(entry),
                            new TemplateSource(TemplateSource.Kind.BUNDLE, where)));
                } catch (TemplateRejectedException | RuntimeException | StackOverflowError e) {
                    String reason = e instanceof TemplateRejectedException ? e.getMessage() : "it could not be read as a template: " + e;
                    registry.reject(key(bundle), new RejectedTemplate(TemplateParser.idOf(fileName),
                            new TemplateSource(TemplateSource.Kind.BUNDLE, where), reason, Instant.now()));
                    LOG.warn("Template {} of bundle {} rejected: {}", fileName, where, reason);
                } catch (IOException e) {
                    LOG.warn("Template {} of bundle {} cannot be read: {}", fileName, where, e.toString());
                }
            }
        }
        return templates;
    }

    private static List<URL> entries(Bundle bundle, String folder) {
        Enumeration<URL> found = bundle.findEntries(folder.isEmpty() ? "/" : folder, "*" + TemplateParser.EXTENSION, false);
        if (found == null) {
            LOG.warn("Bundle {} names template folder '{}' in its {} header, but it holds no *.js file",
                    bundle.getSymbolicName(), folder, TemplateCatalog.TEMPLATES_HEADER);
            return List.of();
        }
        return Collections.list(found);
    }

    private byte[] readBounded(URL entry) throws IOException {
        try (InputStream in = entry.openStream()) {
            return in.readNBytes(parser.maxBytes() + 1);
        }
    }
}
