package io.switchboard.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Checks the HTTP port before the framework starts, and waits for the HTTP server once it has. */
final class PortCheck {

    private PortCheck() {
    }

    /** Fails with a one-line message when another process holds the port. */
    static void requireFree(String host, int port) throws LaunchException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new LaunchException(LaunchException.PORT_IN_USE, "HTTP port " + port + " on " + host
                    + " is not available (" + e.getMessage() + "): stop what uses it, or choose another port with "
                    + Settings.PORT_VARIABLE + " or switchboard.http.port in etc/" + Settings.SETTINGS_FILE);
        }
    }

    /** Waits until something accepts connections on the port; false when the deadline passes first. */
    static boolean awaitListening(String host, int port, Duration timeout) throws InterruptedException {
        String target = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(target, port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50); // polling a socket: there is no event to wait for
            }
        }
        return false;
    }
}
