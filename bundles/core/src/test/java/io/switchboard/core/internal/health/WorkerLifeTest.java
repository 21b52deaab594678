package io.switchboard.core.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.switchboard.core.internal.db.BatchWriter;
import io.switchboard.core.internal.testing.Await;

/** Issue 14, item 3: an OutOfMemoryError does not kill the platform's workers silently; a dead worker is reported. */
class WorkerLifeTest {

    @Test
    void aWorkerThatDiesIsReportedWithItsThreadAndCause() throws Exception {
        WorkerLife life = new WorkerLife("test worker");
        Thread thread = new Thread(life.watched(() -> {
            throw new LinkageError("gone");
        }), "switchboard-test-1");
        thread.setUncaughtExceptionHandler((t, e) -> { });
        thread.start();
        thread.join(5_000);

        assertThat(life.problems()).singleElement().asString()
                .startsWith("the test worker switchboard-test-1 died at ").endsWith("of java.lang.LinkageError: gone");
    }

    @Test
    void anOutOfMemoryErrorIsSurvived() {
        WorkerLife life = new WorkerLife("test worker");
        AtomicInteger turns = new AtomicInteger();

        life.watched(() -> {
            for (int i = 0; i < 3; i++) {
                life.survivingOutOfMemory(() -> {
                    turns.incrementAndGet();
                    throw new OutOfMemoryError("Java heap space");
                });
            }
        }).run();

        assertThat(turns).hasValue(3);
        assertThat(life.problems()).isEmpty();
    }

    @Test
    void aRecordWriterSurvivesAnOutOfMemoryErrorAndOneThatDiesIsReportedAndNoWriterWaitsForIt() {
        List<String> stored = new CopyOnWriteArrayList<>();
        BatchWriter<String> writer = new BatchWriter<>("switchboard-test-writer", "test rows", s -> s, s -> 1, rows -> {
            if (rows.contains("oom")) {
                throw new OutOfMemoryError("Java heap space");
            }
            if (rows.contains("fatal")) {
                throw new LinkageError("the writer cannot go on");
            }
            stored.addAll(rows);
        }, 10, 1024, Duration.ZERO);
        try {
            writer.write("oom");
            writer.writeAndWait("after-oom", Duration.ofSeconds(10));
            assertThat(writer.problems()).as("an OutOfMemoryError is survived").isEmpty();

            writer.write("fatal");
            Await.until("the writer's death is reported", () -> !writer.problems().isEmpty());
            assertThat(writer.problems().get(0)).contains("writer of test rows", "switchboard-test-writer", "LinkageError");
            writer.writeAndWait("after-death", Duration.ofSeconds(10));
            assertThat(stored).contains("after-oom", "after-death");
        } finally {
            writer.close(Duration.ofSeconds(5));
        }
    }
}
