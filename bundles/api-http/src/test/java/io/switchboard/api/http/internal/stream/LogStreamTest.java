package io.switchboard.api.http.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client that falls behind is dropped without the core ever waiting for it; the caps count open streams only. */
class LogStreamTest {

    private final LogStreams streams = new LogStreams(config(1, 2));

    @AfterEach
    void stop() {
        streams.stop();
    }

    static LogStreamConfiguration config(int perAccount, int buffered) {
        return new LogStreamConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return LogStreamConfiguration.class; }
            @Override public int maxStreamsPerAccount() { return perAccount; }
            @Override public int maxStreams() { return 10; }
            @Override public int bufferedEvents() { return buffered; }
            @Override public int heartbeatSeconds() { return 30; }
            @Override public int maxReplayed() { return 10; }
        };
    }

    private static InvocationRecord record(int n) {
        return new InvocationRecord("inv-" + n, "acme", "f1", 1, null, null, Trigger.EXTERNAL, Instant.EPOCH, 1, Outcome.OK, "1", null, List.of());
    }

    /** An output stream that collects what is written. */
    private static final class Collected extends ServletOutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override public boolean isReady() { return true; }
        @Override public void setWriteListener(WriteListener listener) { }
        @Override public void write(int b) { bytes.write(b); }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void aClientWhoseBufferOverflowsIsToldAndDroppedAndItsSlotFreed() throws Exception {
        LogStream stream = streams.open("acme", "f1", r -> "{\"id\":\"" + r.id() + "\"}");
        // Three runs finish before the writer sends anything: the third finds the buffer of two full, and returns at once.
        for (int n = 1; n <= 3; n++) {
            streams.invocationFinished(record(n));
        }
        HttpServletRequest request = mock(HttpServletRequest.class);
        HttpServletResponse response = mock(HttpServletResponse.class);
        AsyncContext async = mock(AsyncContext.class);
        Collected out = new Collected();
        when(request.startAsync()).thenReturn(async);
        when(response.getOutputStream()).thenReturn(out);

        stream.start(request, response);

        verify(async, timeout(20_000)).complete();
        assertThat(out.text()).contains("event: dropped").doesNotContain("inv-3");
        assertThat(streams.open()).isZero();
        assertThat(stream.closed()).isTrue();
    }

    @Test
    void theAccountCapCountsOnlyStreamsStillOpen() {
        LogStream first = streams.open("acme", "f1", r -> "{}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> streams.open("acme", "f2", r -> "{}"))
                .isInstanceOf(LogStreams.LimitReachedException.class).hasMessageContaining("maxStreamsPerAccount");
        assertThat(streams.open("globex", "f9", r -> "{}").closed()).isFalse();
        first.close();
        assertThat(streams.open("acme", "f2", r -> "{}").closed()).isFalse();
    }
}
