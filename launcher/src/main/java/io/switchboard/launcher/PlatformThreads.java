package io.switchboard.launcher;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's threads outside the bundles' own checks: no thread dies silently (a JVM-wide handler logs every uncaught
 * throwable, and those that died of an {@link Error} such as an OutOfMemoryError are listed by the {@code thread-deaths}
 * warning check), and the hot-deploy watchers of FileInstall ({@code etc/} and {@code deploy/}) must live while FileInstall
 * runs (the {@code hot-deploy} check).
 */
final class PlatformThreads {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformThreads.class);
    private static final int KEPT = 20;

    private final List<Path> watched;
    private final Deque<String> deaths = new ConcurrentLinkedDeque<>();

    /** @param watched the folders FileInstall watches, one thread each */
    PlatformThreads(List<Path> watched) {
        this.watched = List.copyOf(watched);
    }

    /** Installs the handler of uncaught throwables and registers both health checks. */
    void register(BundleContext system) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> died(thread.getName(), error));
        Hashtable<String, Object> deathsCheck = new Hashtable<>();
        deathsCheck.put(PlatformBundleGuard.HEALTH_CHECK, "thread-deaths");
        deathsCheck.put("switchboard.health.severity", "warning");
        system.registerService(Supplier.class, (Supplier<List<String>>) () -> List.copyOf(deaths), deathsCheck);
        Hashtable<String, Object> hotDeploy = new Hashtable<>();
        hotDeploy.put(PlatformBundleGuard.HEALTH_CHECK, "hot-deploy");
        system.registerService(Supplier.class, (Supplier<List<String>>) () -> missingWatchers(fileInstallActive(system),
                Thread.getAllStackTraces().keySet()), hotDeploy);
    }

    void died(String thread, Throwable error) {
        LOG.error("Thread {} died of an uncaught {}", thread, error.toString(), error);
        if (error instanceof Error) {
            deaths.addFirst("thread " + thread + " died at " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " of "
                    + String.valueOf(error).lines().findFirst().orElse(""));
            while (deaths.size() > KEPT) {
                deaths.removeLast();
            }
        }
    }

    List<String> deaths() {
        return List.copyOf(deaths);
    }

    /** The watched folders whose FileInstall thread ({@code fileinstall-<folder>}) is gone while FileInstall runs. */
    List<String> missingWatchers(boolean fileInstallActive, Collection<Thread> threads) {
        List<String> missing = new ArrayList<>();
        if (!fileInstallActive) {
            return missing;
        }
        for (Path folder : watched) {
            String name = "fileinstall-" + folder;
            if (threads.stream().noneMatch(t -> t.isAlive() && t.getName().equals(name))) {
                missing.add("the hot-deploy watcher of " + folder + " (thread " + name + ") is not running: files dropped there "
                        + "are not applied; restart the platform");
            }
        }
        return missing;
    }

    private static boolean fileInstallActive(BundleContext system) {
        for (Bundle bundle : system.getBundles()) {
            if (PlatformBundleGuard.FILEINSTALL.equals(bundle.getSymbolicName())) {
                return bundle.getState() == Bundle.ACTIVE;
            }
        }
        return false;
    }
}
