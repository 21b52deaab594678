package io.switchboard.executor.graaljs.internal;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.graalvm.polyglot.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idle warm contexts per function version ({@code codeId}), bounded per version and in total. A function
 * keeps contexts only for the latest version it ran; idle contexts are closed after a while. Sources of the
 * function code are cached here too, so every context of a version shares the engine's parsed code.
 */
final class ContextPool {
    private static final Logger LOG = LoggerFactory.getLogger(ContextPool.class);

    private final int maxPerVersion;
    private final int maxTotal;
    private final long maxIdleNanos;
    private final LongSupplier toolbeltGeneration;
    private final Map<String, Deque<WarmContext>> idle = new ConcurrentHashMap<>();
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final Map<String, String> latestVersion = new ConcurrentHashMap<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    /**
     * Closes the contexts of a version a new one replaced, off the calling thread: closing a context that loaded
     * libraries costs about half a millisecond of CPU, which the first call of the new version would otherwise pay.
     * One thread at most, started on demand and ended when idle; {@link #closeAll} runs what is still queued.
     */
    private final LinkedBlockingQueue<Runnable> retiring = new LinkedBlockingQueue<>();
    private final ThreadPoolExecutor retirer = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, retiring, task -> {
        Thread thread = new Thread(task, "switchboard-executor-retire");
        thread.setDaemon(true);
        return thread;
    });

    ContextPool(int maxPerVersion, int maxTotal, long maxIdleNanos, LongSupplier toolbeltGeneration) {
        this.maxPerVersion = maxPerVersion;
        this.maxTotal = maxTotal;
        this.maxIdleNanos = maxIdleNanos;
        this.toolbeltGeneration = toolbeltGeneration;
    }

    /** The cached source of a version's code; evicting the version forgets it. */
    Source source(String codeId, String code) {
        return sources.computeIfAbsent(codeId, id -> SandboxFactory.functionSource(id, code));
    }

    /** Records that {@code functionId} now runs {@code codeId}, closing idle contexts of its earlier version. */
    void use(String functionId, String codeId) {
        String previous = latestVersion.put(functionId, codeId);
        if (previous != null && !previous.equals(codeId)) {
            sources.remove(previous);
            Deque<WarmContext> contexts = idle.remove(previous);
            List<WarmContext> retired = new ArrayList<>();
            for (WarmContext warm = contexts == null ? null : contexts.pollFirst(); warm != null; warm = contexts.pollFirst()) {
                idleCount.decrementAndGet();
                retired.add(warm);
            }
            if (!retired.isEmpty()) {
                try {
                    retirer.execute(() -> retired.forEach(ContextPool::close));
                } catch (RejectedExecutionException stopping) {
                    retired.forEach(ContextPool::close);
                }
            }
        }
    }

    /** An idle context of the version built with the current toolbelt, or null. */
    WarmContext borrow(String codeId) {
        Deque<WarmContext> contexts = idle.get(codeId);
        if (contexts == null) {
            return null;
        }
        for (WarmContext warm = contexts.pollFirst(); warm != null; warm = contexts.pollFirst()) {
            idleCount.decrementAndGet();
            if (warm.toolbeltGeneration() == toolbeltGeneration.getAsLong()) {
                return warm;
            }
            close(warm);
        }
        return null;
    }

    /** Keeps a context that finished cleanly for the next call, or closes it when it is not wanted. */
    void giveBack(WarmContext warm, long nowNanos) {
        boolean current = warm.codeId().equals(latestVersion.get(warm.functionId()))
                && warm.toolbeltGeneration() == toolbeltGeneration.getAsLong();
        Deque<WarmContext> contexts = idle.computeIfAbsent(warm.codeId(), id -> new ConcurrentLinkedDeque<>());
        if (!current || contexts.size() >= maxPerVersion) {
            close(warm);
            return;
        }
        if (idleCount.incrementAndGet() > maxTotal) {
            idleCount.decrementAndGet();
            close(warm);
            return;
        }
        warm.markIdle(nowNanos);
        contexts.addFirst(warm);
        if (idle.get(warm.codeId()) != contexts && contexts.remove(warm)) {
            // The version was evicted meanwhile: the deque is no longer reachable from the pool.
            idleCount.decrementAndGet();
            close(warm);
        }
    }

    /** Closes contexts idle for longer than the configured time; the most recently used stay at the head. */
    void evictIdle(long nowNanos) {
        idle.forEach((codeId, contexts) -> {
            for (WarmContext oldest = contexts.peekLast(); oldest != null && nowNanos - oldest.idleSinceNanos() > maxIdleNanos;
                    oldest = contexts.peekLast()) {
                if (contexts.removeLastOccurrence(oldest)) {
                    idleCount.decrementAndGet();
                    close(oldest);
                }
            }
            if (contexts.isEmpty()) {
                idle.remove(codeId, contexts);
                if (!latestVersion.containsValue(codeId)) {
                    sources.remove(codeId);
                }
            }
        });
    }

    int idleContexts() {
        return idleCount.get();
    }

    /** Closes every idle context and ends the thread that closes replaced versions' contexts; when the executor stops. */
    void close() {
        retirer.shutdown();
        closeAll();
    }

    /** Closes every idle context now, those of replaced versions still waiting to be closed included. */
    void closeAll() {
        idle.keySet().forEach(this::evictVersion);
        sources.clear();
        for (Runnable pending = retiring.poll(); pending != null; pending = retiring.poll()) {
            pending.run();
        }
    }

    private void evictVersion(String codeId) {
        sources.remove(codeId);
        Deque<WarmContext> contexts = idle.remove(codeId);
        for (WarmContext warm = contexts == null ? null : contexts.pollFirst(); warm != null; warm = contexts.pollFirst()) {
            idleCount.decrementAndGet();
            close(warm);
        }
    }

    private static void close(WarmContext warm) {
        try {
            warm.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing a pooled context of {} failed: {}", warm.codeId(), LogText.safe(e.toString()));
        }
    }
}
