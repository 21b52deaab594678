package io.switchboard.itests.distribution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client threads that each send one request after the other until stopped. A request checks its own answer and throws
 * when it is wrong; the first failures are kept for the test to report, and the clients go on.
 */
final class ClientLoad {

    /** One request of one client; {@code sequence} counts that client's requests from 0. */
    @FunctionalInterface
    interface Request {
        void send(int client, int sequence) throws Exception;
    }

    private static final int KEPT_FAILURES = 20;

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    private ClientLoad(String name, int clients, Request request) {
        for (int client = 0; client < clients; client++) {
            int number = client;
            threads.add(new Thread(() -> loop(number, request), name + "-client-" + client));
        }
    }

    /** Starts the clients at once. */
    static ClientLoad start(String name, int clients, Request request) {
        ClientLoad load = new ClientLoad(name, clients, request);
        load.threads.forEach(Thread::start);
        return load;
    }

    private void loop(int client, Request request) {
        for (int sequence = 0; !stopped.get(); sequence++) {
            try {
                request.send(client, sequence);
                completed.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            } catch (Exception | AssertionError e) {
                if (failed.incrementAndGet() <= KEPT_FAILURES) {
                    failures.add(Thread.currentThread().getName() + " request " + sequence + ": " + e);
                }
            }
        }
    }

    /** Requests that ended without a failure so far. */
    int completed() {
        return completed.get();
    }

    /** Requests that failed so far. */
    int failed() {
        return failed.get();
    }

    /** The first failures, one line each. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Lets every client finish its current request and waits for them (a request has its own timeout). */
    void stop() throws InterruptedException {
        stopped.set(true);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60).toMillis());
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " did not end within 60 s of the stop");
            }
        }
    }
}
