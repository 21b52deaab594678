package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Issue 14, item 3: platform threads do not die silently; a dead hot-deploy watcher is reported. */
class PlatformThreadsTest {

    private final PlatformThreads threads = new PlatformThreads(List.of(Path.of("/opt/sb/etc"), Path.of("/opt/sb/deploy")));

    @Test
    void aThreadThatDiedOfAnErrorIsListedAndAnExceptionOnlyLogged() {
        threads.died("switchboard-template-folder", new OutOfMemoryError("Java heap space"));
        threads.died("qtp-12", new IllegalStateException("a request failed"));

        assertThat(threads.deaths()).singleElement().asString()
                .startsWith("thread switchboard-template-folder died at ").endsWith("of java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void aMissingFileInstallWatcherIsReportedWhileFileInstallRuns() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Thread etc = new Thread(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fileinstall-/opt/sb/etc");
        etc.start();
        try {
            assertThat(threads.missingWatchers(true, List.of(etc))).singleElement().asString()
                    .contains("/opt/sb/deploy", "fileinstall-/opt/sb/deploy");
            assertThat(threads.missingWatchers(false, List.of())).as("FileInstall not running (yet)").isEmpty();
        } finally {
            stop.countDown();
            etc.join(5_000);
        }
    }
}
