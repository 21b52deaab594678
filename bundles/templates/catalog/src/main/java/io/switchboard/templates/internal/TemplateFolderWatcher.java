package io.switchboard.templates.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import io.switchboard.templates.api.RejectedTemplate;
import io.switchboard.templates.api.Template;
import io.switchboard.templates.api.TemplateSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the catalogue in step with the operators' template folder. A {@link WatchService} wakes the watcher as soon as
 * a file changes (inotify on Linux); a scan every poll interval is the fallback where the platform's watch service
 * polls slowly (macOS) or misses events (network file systems). A file is re-read when its size, time or identity
 * changed or an event named it; a file that does not parse is logged once and the version read before stays.
 */
final class TemplateFolderWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateFolderWatcher.class);
    /** Quiet time after an event before reading, so a file being written is read once it is complete. */
    private static final long SETTLE_MILLIS = 30;

    /** What a file looked like when it was last read. */
    private record Stamp(long modifiedNanos, long size, Object fileKey) {
    }

    private final Path folder;
    private final Duration pollInterval;
    private final TemplateParser parser;
    private final TemplateRegistry registry;
    private final TemplateRegistry.SourceKey source;
    private final Map<Path, Stamp> seen = new HashMap<>();
    private final ReentrantLock scanLock = new ReentrantLock();
    private final boolean fileEvents;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable death;
    private WatchService watchService;
    private WatchKey watchKey;

    TemplateFolderWatcher(Path folder, Duration pollInterval, TemplateParser parser, TemplateRegistry registry) {
        this(folder, pollInterval, parser, registry, true);
    }

    /** @param fileEvents whether to use the file system's watch service besides the scan (tests turn it off) */
    TemplateFolderWatcher(Path folder, Duration pollInterval, TemplateParser parser, TemplateRegistry registry, boolean fileEvents) {
        this.fileEvents = fileEvents;
        this.folder = folder.toAbsolutePath().normalize();
        this.pollInterval = pollInterval;
        this.parser = parser;
        this.registry = registry;
        this.source = new TemplateRegistry.SourceKey(Long.MIN_VALUE, "folder " + this.folder);
        this.thread = new Thread(this::run, "switchboard-template-folder");
        this.thread.setDaemon(true);
    }

    Path folder() {
        return folder;
    }

    /** Creates the folder when missing, reads it once, then watches it on a thread of its own. */
    void start() {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            LOG.warn("Template folder {} cannot be created ({}); it is used once it exists", folder, e.toString());
        }
        try {
            watchService = fileEvents ? folder.getFileSystem().newWatchService() : null;
        } catch (IOException e) {
            LOG.warn("No file watch service for {} ({}); scanning every {} ms instead", folder, e.toString(), pollInterval.toMillis());
        }
        if (watchService != null) {
            registerWhenNeeded(); // before the first scan, so nothing written after it goes unnoticed
        }
        scan(Set.of(), false);
        thread.start();
        LOG.info("Watching template folder {} (scan every {} ms)", folder, pollInterval.toMillis());
    }

    /**
     * Reads the folder again.
     *
     * @param everything re-read every file, changed or not (an operator's reload)
     * @return how many templates of the folder are in the catalogue afterwards
     */
    int scan(boolean everything) {
        return scan(Set.of(), everything);
    }

    private void run() {
        try {
            while (running) {
                try {
                    Set<Path> named = waitForChanges();
                    if (running) {
                        scan(named, false);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ClosedWatchServiceException e) {
                    return;
                } catch (RuntimeException | OutOfMemoryError e) {
                    // An OutOfMemoryError caused elsewhere (a function filling the heap) may land here: the watcher goes on.
                    LOG.error("Scanning template folder {} failed; trying again at the next scan", folder, e);
                }
            }
        } catch (Throwable e) {
            death = e;
            LOG.error("The watcher of template folder {} stopped: {}; changes there are no longer followed until the bundle "
                    + "switchboard.templates.catalog is restarted", folder, e.toString(), e);
            throw e;
        }
    }

    /** Why the watcher's thread ended while it should run, or empty while it runs (for the health check). */
    Optional<String> failure() {
        if (!running || thread.getState() != Thread.State.TERMINATED) {
            return Optional.empty();
        }
        return Optional.of("the watcher of template folder " + folder + " (thread " + thread.getName() + ") died"
                + (death == null ? "" : " of " + death) + "; changes there are no longer followed until the bundle "
                + "switchboard.templates.catalog is restarted");
    }

    /** Waits for a file event or the poll interval; returns the files the events named. */
    private Set<Path> waitForChanges() throws InterruptedException {
        if (watchService == null) {
            TimeUnit.MILLISECONDS.sleep(pollInterval.toMillis()); // the poll interval itself, not waiting for a condition
            return Set.of();
        }
        registerWhenNeeded();
        Set<Path> named = new HashSet<>();
        WatchKey key = watchService.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        while (key != null) {
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path name) {
                    named.add(folder.resolve(name));
                }
            }
            if (!key.reset() && key == watchKey) {
                watchKey = null;
            }
            key = watchService.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
        return named;
    }

    private void registerWhenNeeded() {
        if ((watchKey == null || !watchKey.isValid()) && Files.isDirectory(folder)) {
            try {
                watchKey = folder.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            } catch (IOException e) {
                LOG.debug("Cannot watch {} yet: {}", folder, e.toString());
            }
        }
    }

    private int scan(Set<Path> named, boolean everything) {
        scanLock.lock();
        try {
            Map<Path, Stamp> present = listFiles();
            for (Map.Entry<Path, Stamp> file : present.entrySet()) {
                Stamp before = seen.get(file.getKey());
                if (everything || named.contains(file.getKey()) || !file.getValue().equals(before)) {
                    seen.put(file.getKey(), file.getValue());
                    read(file.getKey());
                }
            }
            for (Path gone : Set.copyOf(seen.keySet())) {
                if (!present.containsKey(gone)) {
                    seen.remove(gone);
                    removed(gone);
                }
            }
            return (int) present.keySet().stream()
                    .filter(path -> registry.of(source, TemplateParser.idOf(path.getFileName().toString())).isPresent())
                    .count();
        } finally {
            scanLock.unlock();
        }
    }

    private Map<Path, Stamp> listFiles() {
        Map<Path, Stamp> files = new HashMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(path -> path.getFileName().toString().endsWith(TemplateParser.EXTENSION)).forEach(path -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        files.put(path, new Stamp(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size(),
                                attributes.fileKey()));
                    }
                } catch (NoSuchFileException e) {
                    // deleted between listing and reading its attributes: it is gone
                } catch (IOException e) {
                    LOG.warn("Template file {} cannot be examined: {}", path, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("Template folder {} cannot be listed: {}", folder, e.toString());
        }
        return files;
    }

    private void read(Path file) {
        String id = TemplateParser.idOf(file.getFileName().toString());
        Optional<Template> before = registry.of(source, id);
        boolean hadOne = before.isPresent();
        try {
            Template template = parser.parse(file.getFileName().toString(), readBounded(file),
                    new TemplateSource(TemplateSource.Kind.FOLDER, file.toString()));
            registry.put(source, template);
            registry.clearRejection(source, id);
            if (before.map(Template::version).filter(template.version()::equals).isPresent()) {
                LOG.debug("Template {} read again from {}, unchanged", id, file);
                return;
            }
            LOG.info("Template {} {} from {} (version {})", id, hadOne ? "changed" : "added", file, template.version());
        } catch (TemplateRejectedException | RuntimeException | StackOverflowError e) {
            // Whatever is wrong with one file, the others are read: it is refused alone and listed with its reason.
            String reason = e instanceof TemplateRejectedException ? e.getMessage() : "it could not be read as a template: " + e;
            registry.reject(source, new RejectedTemplate(id, new TemplateSource(TemplateSource.Kind.FOLDER, file.toString()), reason,
                    Instant.now()));
            LOG.warn("Template file {} rejected: {}. {}", file, reason, hadOne
                    ? "The previous version of template " + id + " stays in the catalogue."
                    : "Template " + id + " is not in the catalogue.");
        } catch (NoSuchFileException e) {
            LOG.debug("Template file {} went away while being read", file);
        } catch (IOException e) {
            LOG.warn("Template file {} cannot be read ({}); it is tried again when it changes", file, e.toString());
        }
    }

    private byte[] readBounded(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // One byte more than allowed, so an oversized file is recognised without reading all of it.
            return in.readNBytes(parser.maxBytes() + 1);
        }
    }

    private void removed(Path file) {
        String id = TemplateParser.idOf(file.getFileName().toString());
        registry.clearRejection(source, id);
        if (registry.of(source, id).isPresent()) {
            registry.remove(source, id);
            LOG.info("Template {} removed ({} was deleted); functions created from it are not affected", id, file);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            if (watchService != null) {
                watchService.close();
            }
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (IOException e) {
            LOG.warn("Closing the watch service of {} failed: {}", folder, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.removeSource(source);
    }
}
