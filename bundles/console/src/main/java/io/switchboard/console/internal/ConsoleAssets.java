package io.switchboard.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's built files, read from a class loader (the bundle's, in the framework) under one folder. Only plain
 * relative paths of known file types are looked up, so a request can never name anything else of the bundle.
 */
final class ConsoleAssets {
    /** One or more segments of letters, digits, '.', '_' and '-', none starting with a dot. */
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2",
            "json", "application/json");

    private final ClassLoader loader;
    private final String folder;

    ConsoleAssets(ClassLoader loader, String folder) {
        this.loader = loader;
        this.folder = folder;
    }

    /** A built file. */
    record Asset(URL url, String contentType, boolean immutable, long length) {
        InputStream open() throws IOException {
            return url.openStream();
        }
    }

    /** The file at a request path below the console ({@code /} is the application's index.html). */
    Optional<Asset> find(String requestPath) {
        String path = requestPath.equals("/") ? "/index.html" : requestPath;
        if (!SAFE_PATH.matcher(path).matches()) {
            return Optional.empty();
        }
        int dot = path.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            return Optional.empty();
        }
        URL url = loader.getResource(folder + path);
        if (url == null) {
            return Optional.empty();
        }
        return Optional.of(new Asset(url, type, path.startsWith("/assets/"), length(url)));
    }

    private static long length(URL url) {
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            return connection.getContentLengthLong();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url, e);
        }
    }
}
