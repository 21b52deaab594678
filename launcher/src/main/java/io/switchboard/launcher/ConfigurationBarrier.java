package io.switchboard.launcher;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Waits until Felix FileInstall has put every configuration file of {@code etc/} into ConfigAdmin, so the
 * project's components activate with the operator's configuration rather than with their defaults first.
 * The launcher has no OSGi compendium API on its class path, so ConfigAdmin is called through its own interface.
 */
final class ConfigurationBarrier {

    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";
    private static final String FILENAME = "felix.fileinstall.filename";

    private ConfigurationBarrier() {
    }

    /** The configuration files FileInstall takes from the folder. */
    static Set<Path> configurationFiles(Path etc) throws IOException {
        try (Stream<Path> listing = Files.list(etc)) {
            return listing.filter(p -> p.getFileName().toString().matches(".*\\.(cfg|config)"))
                    .map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toSet());
        }
    }

    /** Returns the files still not in ConfigAdmin when the timeout passed (empty when all arrived). */
    static Set<Path> await(BundleContext context, Set<Path> expected, Duration timeout) throws InterruptedException {
        Set<Path> missing = new HashSet<>(expected);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            missing.removeAll(applied(context));
            if (!missing.isEmpty()) {
                Thread.sleep(25); // polling ConfigAdmin: FileInstall announces no "scan done" event
            }
        }
        return missing;
    }

    private static Set<Path> applied(BundleContext context) {
        ServiceReference<?> reference = context.getServiceReference(CONFIGURATION_ADMIN);
        if (reference == null) {
            return Set.of();
        }
        Object admin = context.getService(reference);
        try {
            Class<?> adminType = reference.getBundle().loadClass(CONFIGURATION_ADMIN);
            Class<?> configurationType = reference.getBundle().loadClass(CONFIGURATION);
            Method list = adminType.getMethod("listConfigurations", String.class);
            Method properties = configurationType.getMethod("getProperties");
            Object[] configurations = (Object[]) list.invoke(admin, "(" + FILENAME + "=*)");
            Set<Path> files = new HashSet<>();
            for (Object configuration : configurations == null ? new Object[0] : configurations) {
                Object filename = ((Dictionary<?, ?>) properties.invoke(configuration)).get(FILENAME);
                if (filename != null) {
                    files.add(Path.of(URI.create(filename.toString())).toAbsolutePath().normalize());
                }
            }
            return files;
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            return Set.of(); // ConfigAdmin is starting or stopping; ask again
        } finally {
            context.ungetService(reference);
        }
    }
}
