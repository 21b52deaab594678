package io.switchboard.core.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.osgi.framework.Bundle;

/**
 * The core's SQL migrations ({@value #FOLDER}/V&lt;n&gt;__&lt;name&gt;.sql) handed to Flyway by name. Flyway's own class-path
 * scanning does not see into an OSGi bundle it is embedded in (it looks for the location on the class loader as a
 * file or jar URL), so the scripts are listed through the bundle ({@link Bundle#findEntries}) and, outside a
 * framework (unit tests, benchmarks), from the class path's folder.
 */
public final class MigrationScripts implements ResourceProvider {

    /** Where the scripts live in the bundle, without a leading slash. */
    public static final String FOLDER = "db/migration";

    private final Map<String, URL> scripts;

    private MigrationScripts(Map<String, URL> scripts) {
        this.scripts = Collections.unmodifiableMap(new TreeMap<>(scripts));
    }

    /** The scripts of the bundle (the core itself when running in a framework). */
    public static MigrationScripts of(Bundle bundle) {
        Map<String, URL> found = new TreeMap<>();
        Enumeration<URL> entries = bundle.findEntries(FOLDER, "*.sql", false);
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            found.put(fileName(url.getPath()), url);
        }
        return new MigrationScripts(found);
    }

    /** The scripts in the class path's folder, when it is a directory (tests and tools outside a framework). */
    public static MigrationScripts onClassPath() {
        URL folder = MigrationScripts.class.getResource("/" + FOLDER);
        if (folder == null || !"file".equals(folder.getProtocol())) {
            throw new IllegalStateException("Migration scripts are listed from a class path folder only outside OSGi; found " + folder);
        }
        Map<String, URL> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList()) {
                found.put(file.getFileName().toString(), file.toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the migration scripts in " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Bad migration folder " + folder, e);
        }
        return new MigrationScripts(found);
    }

    /** File names of the scripts, sorted by name. */
    public List<String> names() {
        return List.copyOf(scripts.keySet());
    }

    /** The script's text. */
    public String read(String name) {
        URL url = scripts.get(name);
        if (url == null) {
            throw new IllegalStateException("Migration script " + name + " is missing from the core bundle");
        }
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migration script " + name, e);
        }
    }

    @Override
    public LoadableResource getResource(String name) {
        String fileName = fileName(name);
        URL url = scripts.get(fileName);
        return url == null ? null : resource(fileName, url);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> matching = new ArrayList<>();
        scripts.forEach((name, url) -> {
            if (name.startsWith(prefix) && endsWithAny(name, suffixes)) {
                matching.add(resource(name, url));
            }
        });
        return matching;
    }

    private static boolean endsWithAny(String name, String[] suffixes) {
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static LoadableResource resource(String name, URL url) {
        if (url == null) {
            throw new IllegalStateException("Migration script " + name + " is missing from the core bundle");
        }
        return new Script(name, url);
    }

    /** One script as Flyway reads it. */
    private static final class Script extends LoadableResource {
        private final String name;
        private final URL url;

        Script(String name, URL url) {
            this.name = name;
            this.url = url;
        }

        @Override
        public Reader read() {
            try {
                InputStream in = url.openStream();
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read migration script " + url, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return FOLDER + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return url.toString();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
