package io.switchboard.templates.api;

import java.util.Objects;

/**
 * Where a template came from.
 *
 * @param kind a bundle that carries templates, or the operators' template folder
 * @param location the bundle's symbolic name and version, or the template file's path
 */
public record TemplateSource(Kind kind, String location) {

    /** The two places templates come from. */
    public enum Kind {
        /** A bundle with the {@code Switchboard-Templates} manifest header. */
        BUNDLE,
        /** A file in the watched template folder ({@code deploy/templates/}). */
        FOLDER
    }

    public TemplateSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
    }
}
