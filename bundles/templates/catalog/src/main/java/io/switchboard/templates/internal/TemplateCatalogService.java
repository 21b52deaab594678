package io.switchboard.templates.internal;

import io.switchboard.templates.api.RejectedTemplate;
import io.switchboard.templates.api.Template;
import io.switchboard.templates.api.TemplateCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template catalogue: owns the registry, the extender for template bundles and the watcher of the operators'
 * folder, and answers queries from the registry's current snapshot.
 */
// Immediate: as an extender and folder watcher it must run whether or not anyone uses the catalogue yet.
// Also the "templates" health check: a Supplier of problems (a dead folder watcher), found by GET /health.
@Component(service = {TemplateCatalog.class, TemplateCatalogService.class, Supplier.class}, configurationPid = TemplateCatalogService.PID,
        immediate = true, property = "switchboard.health.check=templates")
@Designate(ocd = TemplatesConfiguration.class)
@Capability(namespace = "osgi.extender", name = TemplateCatalogService.EXTENDER, version = "1.0.0")
public final class TemplateCatalogService implements TemplateCatalog, Supplier<List<String>> {
    /** Configuration PID of the catalogue. */
    public static final String PID = "io.switchboard.templates";
    /** The extender capability template bundles require. */
    public static final String EXTENDER = "switchboard.templates";
    /** Framework property with the installation's deploy folder, set by the launcher. */
    static final String DEPLOY_PROPERTY = "switchboard.deploy";
    private static final Logger LOG = LoggerFactory.getLogger(TemplateCatalogService.class);

    private final TemplateRegistry registry = new TemplateRegistry();
    private final SyntaxChecker syntax;
    private final BundleTemplatesExtender extender;
    private final TemplateFolderWatcher watcher;

    @Activate
    public TemplateCatalogService(BundleContext context, TemplatesConfiguration config) {
        this.syntax = config.checkSyntax() ? SyntaxCheckers.available() : SyntaxChecker.NONE;
        TemplateParser parser = new TemplateParser(config.maxTemplateBytes(), syntax);
        this.watcher = folder(config, context.getProperty(DEPLOY_PROPERTY))
                .map(path -> new TemplateFolderWatcher(path, Duration.ofMillis(Math.max(10, config.pollIntervalMillis())), parser, registry))
                .orElse(null);
        if (watcher == null) {
            LOG.warn("No template folder: neither 'folder' of PID {} nor the framework property {} is set", PID, DEPLOY_PROPERTY);
        } else {
            watcher.start();
        }
        this.extender = new BundleTemplatesExtender(context, parser, registry);
        extender.open();
        LOG.info("Template catalogue started with {} template(s)", registry.snapshot().size());
    }

    static Optional<Path> folder(TemplatesConfiguration config, String deployFolder) {
        if (!config.folder().isBlank()) {
            return Optional.of(Path.of(config.folder().trim()));
        }
        return Optional.ofNullable(deployFolder).filter(value -> !value.isBlank()).map(value -> Path.of(value, "templates"));
    }

    @Deactivate
    void deactivate() {
        extender.close();
        if (watcher != null) {
            watcher.close();
        }
        syntax.close();
        LOG.info("Template catalogue stopped");
    }

    @Override
    public List<Template> list() {
        return registry.list();
    }

    @Override
    public List<Template> forEventType(String eventTypeId) {
        return registry.list().stream()
                .filter(template -> Objects.equals(template.eventType(), eventTypeId))
                .sorted(Comparator.comparing((Template template) -> !template.defaultForEvent()).thenComparing(Template::id))
                .toList();
    }

    @Override
    public Optional<Template> get(String templateId) {
        return Optional.ofNullable(registry.snapshot().get(templateId));
    }

    /** The health check: the folder watcher's thread must live while the catalogue runs. */
    @Override
    public List<String> get() {
        return watcher == null ? List.of() : watcher.failure().stream().toList();
    }

    @Override
    public List<RejectedTemplate> rejected() {
        return registry.rejected();
    }

    /** Reads every source again (an operator's reload); returns a one-line summary. */
    public String reload() {
        int bundles = extender.reload();
        int files = watcher == null ? 0 : watcher.scan(true);
        return "Reloaded templates: " + files + " from " + (watcher == null ? "no folder" : watcher.folder()) + ", "
                + bundles + " bundle(s) with templates; " + registry.snapshot().size() + " in the catalogue";
    }

    /** The watched folder, if there is one. */
    public Optional<Path> watchedFolder() {
        return Optional.ofNullable(watcher).map(TemplateFolderWatcher::folder);
    }
}
