package io.switchboard.core.internal.db;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Where the core keeps its files: the framework property {@value #PROPERTY}, else {@code ./data}. */
public final class DataFolder {

    /** Framework property the launcher sets to an absolute path. */
    public static final String PROPERTY = "switchboard.data";

    private DataFolder() {
    }

    public static Path of(BundleContext context) {
        String configured = context.getProperty(PROPERTY);
        return Path.of(configured == null || configured.isBlank() ? "data" : configured).toAbsolutePath();
    }
}
