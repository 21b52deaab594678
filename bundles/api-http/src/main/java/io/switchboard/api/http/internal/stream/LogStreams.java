package io.switchboard.api.http.internal.stream;

import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.observe.PlatformObserver;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open live log streams: hears from the core of every finished invocation (a {@link PlatformObserver}) and hands it
 * to the streams of its function, and keeps the number of streams within the configured caps. Each stream has a
 * writer thread of its own (the writes to a client block), so the core's threads only ever put a record into buffers.
 */
@Component(service = {PlatformObserver.class, LogStreams.class}, configurationPid = LogStreams.PID)
@Designate(ocd = LogStreamConfiguration.class)
public final class LogStreams implements PlatformObserver {

    /** Configuration PID of the streams. */
    public static final String PID = "io.switchboard.api.http.streams";

    private static final Logger LOG = LoggerFactory.getLogger(LogStreams.class);

    /** Why a stream was not opened: a cap was reached. */
    public static final class LimitReachedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int limit;

        LimitReachedException(String message, int limit) {
            super(message);
            this.limit = limit;
        }

        public int limit() {
            return limit;
        }
    }

    private final LogStreamConfiguration config;
    private final Map<String, Set<LogStream>> byFunction = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perAccount = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final ExecutorService writers;

    @Activate
    public LogStreams(LogStreamConfiguration config) {
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        // Threads only for streams that are open: their number is bounded by maxStreams (reserved before one starts).
        this.writers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "switchboard-log-stream-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        LOG.info("Live log streams: at most {} per account and {} in all, {} buffered events each, heartbeat every {} s",
                config.maxStreamsPerAccount(), config.maxStreams(), config.bufferedEvents(), config.heartbeatSeconds());
    }

    @Deactivate
    public void stop() {
        byFunction.values().forEach(streams -> streams.forEach(LogStream::close));
        writers.shutdownNow();
    }

    /** How many past invocations a resumed stream gets at most. */
    public int maxReplayed() {
        return config.maxReplayed();
    }

    /**
     * Opens (and registers at once, so no invocation finishing from now on is missed) a stream of the account's
     * function; its writer starts when the stream is {@linkplain LogStream#start started}.
     *
     * @throws LimitReachedException when the account or the platform holds as many streams as allowed
     */
    public LogStream open(String account, String functionId, Function<InvocationRecord, String> json) {
        reserve(account);
        LogStream stream = new LogStream(account, functionId, config.bufferedEvents(), json,
                Duration.ofSeconds(config.heartbeatSeconds()), this::release, writers);
        byFunction.compute(key(account, functionId), (k, streams) -> {
            Set<LogStream> open = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            open.add(stream);
            return open;
        });
        return stream;
    }

    private void reserve(String account) {
        if (total.incrementAndGet() > config.maxStreams()) {
            total.decrementAndGet();
            throw new LimitReachedException("The platform holds " + config.maxStreams()
                    + " live log streams, as many as configured (maxStreams); retry later.", config.maxStreams());
        }
        AtomicInteger count = perAccount.computeIfAbsent(account, a -> new AtomicInteger());
        if (count.incrementAndGet() > config.maxStreamsPerAccount()) {
            count.decrementAndGet();
            total.decrementAndGet();
            throw new LimitReachedException("Account '" + account + "' holds " + config.maxStreamsPerAccount()
                    + " live log streams, as many as allowed (maxStreamsPerAccount); close one first.", config.maxStreamsPerAccount());
        }
    }

    private void release(LogStream stream) {
        boolean[] removed = new boolean[1];
        // Within the map's lock of the key, so a set emptied here is not the one a stream opening now adds to.
        byFunction.computeIfPresent(key(stream.account(), stream.functionId()), (k, streams) -> {
            removed[0] = streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
        if (removed[0]) {
            perAccount.get(stream.account()).decrementAndGet();
            total.decrementAndGet();
        }
    }

    /** Streams open now (for tests and the log). */
    int open() {
        return total.get();
    }

    @Override
    public void invocationFinished(InvocationRecord record) {
        Set<LogStream> streams = byFunction.get(key(record.account(), record.functionId()));
        if (streams != null) {
            for (LogStream stream : streams) {
                stream.offer(record);
            }
        }
    }

    private static String key(String account, String functionId) {
        return account + '\u0000' + functionId;
    }
}
