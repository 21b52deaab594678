package io.switchboard.templates.internal;

import io.switchboard.templates.api.Template;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Operator commands in the Gogo shell: {@code switchboard:templates [eventType]}, {@code switchboard:reloadtemplates}. */
@Component(service = TemplateCommands.class)
@GogoCommand(scope = "switchboard", function = {"templates", "reloadtemplates"})
public final class TemplateCommands {
    private final TemplateCatalogService catalog;

    @Activate
    public TemplateCommands(@Reference TemplateCatalogService catalog) {
        this.catalog = catalog;
    }

    /** Every template: id, version, event type, source. */
    public String templates() {
        return format(catalog.list());
    }

    /** The templates of one event type ({@code none}: those without event). */
    public String templates(String eventType) {
        return format(catalog.forEventType("none".equals(eventType) ? null : eventType));
    }

    /** Reads the template folder and every template bundle again. */
    public String reloadtemplates() {
        return catalog.reload();
    }

    private static String format(List<Template> templates) {
        if (templates.isEmpty()) {
            return "No templates";
        }
        return templates.stream()
                .map(t -> String.format("%-40s %-20s %-40s %s%s  (%s %s)", t.id(), t.version(),
                        t.eventType() == null ? "-" : t.eventType(), t.name(), t.defaultForEvent() ? " [default]" : "",
                        t.source().kind().name().toLowerCase(Locale.ROOT), t.source().location()))
                .collect(Collectors.joining("\n"));
    }
}
