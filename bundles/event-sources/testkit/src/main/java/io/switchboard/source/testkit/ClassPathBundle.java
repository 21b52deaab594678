package io.switchboard.source.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The bundle a test runs in, as far as reading its event-type folders goes: its headers are the manifest bnd wrote
 * into {@code target/classes}, its entries the files there. Answers {@code getHeaders}, {@code findEntries},
 * {@code getEntry} and {@code getSymbolicName}; anything else is unsupported.
 */
public final class ClassPathBundle {

    private ClassPathBundle() {
    }

    /** The bundle whose classes folder holds {@code anchor} (for a test class, the module's main classes folder). */
    public static Bundle of(Class<?> anchor) {
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (root.getFileName().toString().equals("test-classes")) {
            root = root.resolveSibling("classes");
        }
        Path classes = root;
        Dictionary<String, String> headers = headers(classes.resolve("META-INF/MANIFEST.MF"));
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getHeaders" -> headers;
                    case "getSymbolicName" -> headers.get("Bundle-SymbolicName");
                    case "getEntry" -> entry(classes, (String) args[0]);
                    case "findEntries" -> find(classes, (String) args[0], (String) args[1], (Boolean) args[2]);
                    case "toString" -> "class path bundle " + classes;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A bundle context whose {@code getBundle()} is {@link #of(Class)} (what a family's routes component is activated with). */
    public static BundleContext context(Class<?> anchor) {
        Bundle bundle = of(anchor);
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBundle") && (args == null || args.length == 0)) {
                        return bundle;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Dictionary<String, String> headers(Path manifestFile) {
        Dictionary<String, String> headers = new Hashtable<>();
        if (!Files.exists(manifestFile)) {
            return headers;
        }
        try (InputStream in = Files.newInputStream(manifestFile)) {
            Attributes attributes = new Manifest(in).getMainAttributes();
            attributes.forEach((key, value) -> headers.put(key.toString(), value.toString()));
            return headers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL entry(Path root, String path) throws MalformedURLException {
        Path file = root.resolve(path.startsWith("/") ? path.substring(1) : path);
        return Files.isRegularFile(file) ? file.toUri().toURL() : null;
    }

    private static java.util.Enumeration<URL> find(Path root, String folder, String pattern, boolean recurse) throws IOException {
        Path start = root.resolve(folder.startsWith("/") ? folder.substring(1) : folder);
        if (!Files.isDirectory(start)) {
            return null;
        }
        String regex = pattern.replace(".", "\\.").replace("*", ".*");
        try (Stream<Path> files = recurse ? Files.walk(start) : Files.list(start)) {
            List<URL> found = files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().matches(regex)).sorted()
                    .map(f -> "/" + root.relativize(f).toString().replace('\\', '/'))
                    .map(p -> {
                        try {
                            return new URL("file", "", p);
                        } catch (MalformedURLException e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
            return found.isEmpty() ? null : Collections.enumeration(found);
        }
    }
}
