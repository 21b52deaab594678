package io.switchboard.launcher;

import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/** Entry point of {@code bin/switchboard}: starts the platform in the foreground until it is stopped. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("switchboard.home", ".")).toAbsolutePath().normalize();
        Settings settings;
        DataLock lock;
        try {
            settings = Settings.load(home, System.getenv());
            // Before the port check: a second instance on the same data folder is told so, not that the port is taken.
            lock = DataLock.acquire(settings.data(), ProcessHandle.current().pid());
        } catch (LaunchException e) {
            fail(e);
            return;
        }
        // The hook holds the lock (and so keeps its channel reachable) until the very end; the platform is made only
        // once the port is known to be free (making it starts logging, which a one-line refusal does without).
        AtomicReference<Platform> started = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Platform running = started.get();
            if (running != null) {
                running.stop();
                stopLogging();
            }
            lock.close();
        }, "switchboard-shutdown"));
        try {
            PortCheck.requireFree(settings.httpHost(), settings.httpPort());
        } catch (LaunchException e) {
            fail(e);
            return;
        }
        configureLogging(settings);
        Platform platform = new Platform(settings);
        started.set(platform);
        try {
            platform.start();
            platform.awaitStop();
        } catch (LaunchException e) {
            LoggerFactory.getLogger(Main.class).error(e.getMessage(), e.getCause());
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    private static void fail(LaunchException e) {
        System.err.println("switchboard: " + e.getMessage());
        System.exit(e.exitCode());
    }

    private static void configureLogging(Settings settings) {
        System.setProperty("switchboard.logs", settings.logs().toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", settings.etc().resolve("logback.xml").toString());
        }
    }

    private static void stopLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
