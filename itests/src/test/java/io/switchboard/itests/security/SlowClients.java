package io.switchboard.itests.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An attacker that keeps many connections busy sending a body one byte at a time: each connection promises a large
 * body, sends it at a couple of bytes a second, and is replaced by a new one as soon as the server answers or closes
 * it, so the pressure lasts as long as the attacker runs.
 */
final class SlowClients implements AutoCloseable {

    /** One kind of slow request: where it goes and with which headers. */
    record Target(String path, Map<String, String> headers) {
    }

    private static final int PROMISED_BYTES = 100_000;
    /** The attacker's pace: one byte per connection this often (2 bytes a second, far below any sane rate). */
    private static final long BYTE_INTERVAL_MILLIS = 500;
    /**
     * New connections per round at most (100 a second): enough to keep every connection the server holds busy, without
     * turning the test into a connection flood that starves a small machine's CPU instead of the server's threads.
     */
    private static final int RECONNECTS_PER_ROUND = 50;

    private final int port;
    private final List<Target> targets;
    private final Socket[] sockets;
    private final Thread trickler;
    private final AtomicInteger answered = new AtomicInteger();
    private volatile boolean running = true;

    private SlowClients(int port, List<Target> targets, int connections) {
        this.port = port;
        this.targets = List.copyOf(targets);
        this.sockets = new Socket[connections];
        this.trickler = new Thread(this::trickle, "slow-clients");
        this.trickler.setDaemon(true);
    }

    /** Opens the connections (spread over the targets in turn) and starts trickling. */
    static SlowClients start(int port, int connections, List<Target> targets) throws IOException {
        SlowClients clients = new SlowClients(port, targets, connections);
        for (int i = 0; i < connections; i++) {
            clients.sockets[i] = clients.open(i);
        }
        clients.trickler.start();
        return clients;
    }

    /** Requests the server answered or closed so far (each was replaced by a new one). */
    int answered() {
        return answered.get();
    }

    private Socket open(int index) throws IOException {
        Target target = targets.get(index % targets.size());
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(1);
        String head = RawHttp.head("POST " + target.path() + " HTTP/1.1",
                withContentType(target.headers()), PROMISED_BYTES);
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write('{');
        socket.getOutputStream().flush();
        return socket;
    }

    private static Map<String, String> withContentType(Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return all;
    }

    private void trickle() {
        while (running) {
            int reconnects = 0;
            for (int i = 0; i < sockets.length && running; i++) {
                try {
                    if (sockets[i] == null && reconnects >= RECONNECTS_PER_ROUND) {
                        continue;
                    }
                    if (sockets[i] == null || sockets[i].getInputStream().available() > 0) {
                        throw new IOException("answered");
                    }
                    sockets[i].getOutputStream().write(' ');
                    sockets[i].getOutputStream().flush();
                } catch (IOException answeredOrClosed) {
                    if (sockets[i] != null) {
                        answered.incrementAndGet();
                    }
                    closeQuietly(sockets[i]);
                    sockets[i] = null;
                    if (reconnects >= RECONNECTS_PER_ROUND) {
                        continue;
                    }
                    reconnects++;
                    try {
                        sockets[i] = open(i);
                    } catch (IOException e) {
                        sockets[i] = null; // the server refused the connection itself; try again on the next round
                    }
                }
            }
            try {
                Thread.sleep(BYTE_INTERVAL_MILLIS); // the attacker's pace, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        trickler.interrupt();
        trickler.join(5_000);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing a connection the server may have closed already
        }
    }
}
