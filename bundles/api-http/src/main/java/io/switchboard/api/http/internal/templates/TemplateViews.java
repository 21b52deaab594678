package io.switchboard.api.http.internal.templates;

import io.switchboard.templates.api.RejectedTemplate;
import io.switchboard.templates.api.Template;
import io.switchboard.templates.api.TemplateSource;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of templates; field names are part of the API contract (docs/api.md). */
final class TemplateViews {

    private TemplateViews() {
    }

    /** Where a template came from: {@code bundle} or {@code folder}, and the bundle or file. */
    record SourceView(String kind, String location) {
    }

    /** A template; {@code code} is left out in listings. */
    record TemplateView(String id, String name, String description, String eventType, boolean defaultForEvent,
                        String version, List<String> requiredDomains, List<String> requiredSecrets,
                        List<String> requiredEnv, SourceView source, String code) {
    }

    /** A refused template file: the id it would have, where it is, why it was refused and when. */
    record RejectionView(String id, SourceView source, String reason, String rejectedAt) {
    }

    static RejectionView rejection(RejectedTemplate rejected) {
        return new RejectionView(rejected.id(), new SourceView(rejected.source().kind().name().toLowerCase(Locale.ROOT),
                location(rejected.source())), rejected.reason(), rejected.rejectedAt().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    static TemplateView summary(Template template) {
        return view(template, null);
    }

    static TemplateView details(Template template) {
        return view(template, template.code());
    }

    private static TemplateView view(Template t, String code) {
        return new TemplateView(t.id(), t.name(), t.description(), t.eventType(), t.defaultForEvent(), t.version(),
                t.requiredDomains(), t.requiredSecrets(), t.requiredEnv(),
                new SourceView(t.source().kind().name().toLowerCase(Locale.ROOT), location(t.source())), code);
    }

    /** A bundle's name and version, or only the file name of a folder template (the server's paths stay private). */
    private static String location(TemplateSource source) {
        return source.kind() == TemplateSource.Kind.FOLDER
                ? String.valueOf(Path.of(source.location()).getFileName())
                : source.location();
    }
}
