package io.switchboard.templates.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The live catalogue of function templates. It changes while the platform runs: template bundles start and stop,
 * operators add, change and remove files in the template folder. Every answer is a consistent snapshot.
 */
@ProviderType
public interface TemplateCatalog {

    /** The manifest header with which a bundle declares folders of templates, e.g. {@code Switchboard-Templates: templates/}. */
    String TEMPLATES_HEADER = "Switchboard-Templates";

    /** Every template, sorted by id. */
    List<Template> list();

    /** The templates of one event type (null: the templates without event), the event's default first, then by id. */
    List<Template> forEventType(String eventTypeId);

    /** The template with this id, if the catalogue has one. */
    Optional<Template> get(String templateId);

    /** Template files that were refused (they are not in the catalogue), by source and id. */
    List<RejectedTemplate> rejected();
}
