package io.switchboard.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Boots Felix with the settings, installs and starts every bundle of {@code system/}, and stops it all again. */
public final class Platform {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private static final Duration HTTP_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONFIGURATION_TIMEOUT = Duration.ofSeconds(15);
    private static final int PROJECT_START_LEVEL = 2;
    private static final Duration START_LEVEL_PROGRESS = Duration.ofSeconds(60);

    /** Felix HTTP's property for Jetty's connection idle timeout, in milliseconds. */
    static final String HTTP_IDLE_TIMEOUT = "org.apache.felix.http.timeout";

    private final Settings settings;
    private volatile Framework framework;
    private volatile boolean stopping;

    Platform(Settings settings) {
        this.settings = settings;
    }

    /** The framework properties this installation runs with (the integration tests boot Felix with the same). */
    public static Map<String, String> frameworkProperties(Settings settings, boolean interactiveConsole) {
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, settings.data().resolve("cache").toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, PlatformPackages.systemPackagesExtra());
        p.put("felix.log.level", "1");
        p.put("switchboard.home", settings.home().toString());
        p.put("switchboard.data", settings.data().toString());
        p.put("switchboard.deploy", settings.deploy().toString());
        p.put("switchboard.logs", settings.logs().toString());
        p.put("org.osgi.service.http.port", Integer.toString(settings.httpPort()));
        p.put("org.apache.felix.http.host", settings.httpHost());
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        // Jetty's idle timeout: a connection that neither sends nor takes a byte for this long is closed (Felix's
        // default is 60 s). A request being handled is not cut by it, and a request body has its own, shorter deadline
        // and minimum data rate (io.switchboard.http), which Felix offers no setting for.
        p.put(HTTP_IDLE_TIMEOUT, "30000");
        p.put("felix.cm.dir", settings.data().resolve("config").toString());
        // A second bundle with a platform bundle's name and version is refused, not installed beside it (PlatformBundleGuard).
        p.put(Constants.FRAMEWORK_BSNVERSION, Constants.FRAMEWORK_BSNVERSION_MANAGED);
        // One FileInstall watcher per folder: etc/ holds configuration, deploy/ bundles and configuration.
        p.put("felix.fileinstall.dir", settings.etc() + "," + settings.deploy());
        p.put("felix.fileinstall.filter", ".*\\.(cfg|config|jar)");
        p.put("felix.fileinstall.poll", "500");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.subdir.mode", "skip");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.log.level", "2");
        p.put("gosh.args", interactiveConsole ? "" : "--nointeractive");
        p.putAll(settings.frameworkOverrides());
        return p;
    }

    void start() throws LaunchException {
        long started = System.nanoTime();
        logRuntime();
        List<Path> jars = systemBundles();
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LaunchException(LaunchException.START_FAILED, "no OSGi framework on the class path (lib/)"));
        Map<String, String> properties = new HashMap<>(frameworkProperties(settings, System.console() != null));
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "1");
        framework = factory.newFramework(properties);
        try {
            framework.init();
            List<Bundle> installed = new ArrayList<>();
            for (Path jar : jars) {
                try (InputStream in = Files.newInputStream(jar)) {
                    installed.add(framework.getBundleContext().installBundle(jar.toUri().toString(), in));
                }
            }
            installed.stream().filter(Platform::isProjectBundle)
                    .forEach(b -> b.adapt(BundleStartLevel.class).setStartLevel(PROJECT_START_LEVEL));
            new PlatformBundleGuard(installed, settings.deploy()).register(framework.getBundleContext());
            new PlatformThreads(List.of(settings.etc(), settings.deploy())).register(framework.getBundleContext());
            framework.start();
            installed.stream().sorted(Comparator.comparingInt(Platform::startOrder)).forEach(Platform::startBundle);
            awaitEtcConfiguration();
            raiseStartLevel(PROJECT_START_LEVEL);
        } catch (BundleException | IOException e) {
            stop();
            throw new LaunchException(LaunchException.START_FAILED, "could not start the OSGi framework: " + e.getMessage(), e);
        }
        awaitHttp(started);
    }

    /** Platform bundles (start level 1) run first; the project's bundles start once etc/ is in ConfigAdmin. */
    private void awaitEtcConfiguration() throws IOException {
        try {
            Set<Path> missing = ConfigurationBarrier.await(framework.getBundleContext(),
                    ConfigurationBarrier.configurationFiles(settings.etc()), CONFIGURATION_TIMEOUT);
            if (!missing.isEmpty()) {
                LOG.warn("Configuration files not applied within {} s, starting without them: {}", CONFIGURATION_TIMEOUT.toSeconds(), missing);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits as long as the bundles take (a large database may take minutes to open), saying so every minute. */
    private void raiseStartLevel(int level) {
        CountDownLatch raised = new CountDownLatch(1);
        framework.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                raised.countDown();
            }
        });
        long started = System.nanoTime();
        try {
            while (!stopping && !raised.await(START_LEVEL_PROGRESS.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Still starting the Switchboard bundles after {} s", Duration.ofNanos(System.nanoTime() - started).toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isProjectBundle(Bundle bundle) {
        return String.valueOf(bundle.getSymbolicName()).startsWith("switchboard.");
    }

    private void awaitHttp(long started) throws LaunchException {
        if (stopping) {
            return; // Ctrl-C or a signal arrived while starting: the shutdown hook is stopping everything
        }
        try {
            if (!PortCheck.awaitListening(settings.httpHost(), settings.httpPort(), HTTP_START_TIMEOUT)) {
                if (stopping) {
                    return;
                }
                stop();
                throw new LaunchException(LaunchException.START_FAILED, "the HTTP server did not answer on port "
                        + settings.httpPort() + " within " + HTTP_START_TIMEOUT.toSeconds() + " s; see " + settings.logs().resolve("switchboard.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(LaunchException.START_FAILED, "interrupted while waiting for the HTTP server");
        }
        String host = "0.0.0.0".equals(settings.httpHost()) ? "localhost" : settings.httpHost();
        String url = "http://" + host + ":" + settings.httpPort();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        LOG.info("Switchboard is up on {} ({} ms; health: {}/health)", url, millis, url);
        System.out.println("Switchboard is up on " + url + " (health: " + url + "/health, API: " + url + "/api/v1)");
    }

    /** Blocks until the framework has stopped, by a shell command or by {@link #stop()}. */
    void awaitStop() throws InterruptedException {
        FrameworkEvent event = framework.waitForStop(0);
        if (event.getType() == FrameworkEvent.ERROR) {
            LOG.error("The framework stopped with an error", event.getThrowable());
        }
    }

    /** Stops the framework and waits for every bundle to stop; safe to call more than once. */
    void stop() {
        stopping = true;
        Framework running = framework;
        if (running == null || (running.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        LOG.info("Stopping Switchboard");
        try {
            running.stop();
            FrameworkEvent event = running.waitForStop(STOP_TIMEOUT.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("The framework did not stop within {} s", STOP_TIMEOUT.toSeconds());
            } else {
                LOG.info("Switchboard stopped");
            }
        } catch (BundleException e) {
            LOG.error("Stopping the framework failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Path> systemBundles() throws LaunchException {
        try (Stream<Path> listing = Files.list(settings.system())) {
            List<Path> jars = listing.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new LaunchException(LaunchException.START_FAILED, "no bundles in " + settings.system());
            }
            return jars;
        } catch (IOException e) {
            throw new LaunchException(LaunchException.START_FAILED, "cannot list " + settings.system() + ": " + e.getMessage());
        }
    }

    /** Logging and configuration first, so every later bundle finds them; FileInstall last. */
    static int startOrder(Bundle bundle) {
        String name = String.valueOf(bundle.getSymbolicName());
        if (name.equals("org.apache.felix.log") || name.equals("switchboard.logbridge")) {
            return 0;
        }
        if (name.equals("org.apache.felix.configadmin") || name.equals("org.apache.felix.metatype")) {
            return 1;
        }
        if (name.equals("org.apache.felix.scr")) {
            return 2;
        }
        return name.equals("org.apache.felix.fileinstall") ? 4 : 3;
    }

    private static void startBundle(Bundle bundle) {
        if ((bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
            return;
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            LOG.error("Bundle {} did not start: {}", bundle.getSymbolicName(), e.getMessage());
        }
    }

    private static void logRuntime() {
        boolean jvmci = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+EnableJVMCI");
        LOG.info("Java {} ({}) from {}", Runtime.version(), System.getProperty("java.vm.name"), System.getProperty("java.home"));
        if (!jvmci) {
            LOG.warn("The Graal JIT is not enabled (needs JDK 25 with -XX:+EnableJVMCI and compiler/): functions run "
                    + "interpreter-only, roughly 17x slower on CPU-bound code. bin/switchboard enables it when JDK 25 is found.");
        }
    }
}
