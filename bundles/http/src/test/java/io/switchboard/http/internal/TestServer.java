package io.switchboard.http.internal;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real Jetty 12 (the one Felix HTTP embeds) on a loopback port with one servlet and, optionally, a filter before it. */
final class TestServer implements AutoCloseable {

    /** An answer read from a plain socket: status (0 when none) and the whole text. */
    record Answer(int status, String text) {
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    TestServer(HttpServlet servlet, Filter filter) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(servlet), "/");
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    /** A connection that sent the head (and the given start of the body) and may send more. */
    Socket open(String head, String bodyStart) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), connector.getLocalPort());
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bodyStart.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    static String post(String path, long contentLength, String... headers) {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (contentLength >= 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** Reads what the server answers until it closes the connection or the socket's timeout passes. */
    static Answer answer(Socket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what arrived so far is the answer
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : 0;
        return new Answer(status, text);
    }

    /** Sends a whole request and reads the answer. */
    Answer exchange(String head, String body) throws IOException {
        try (Socket socket = open(head, body)) {
            return answer(socket, 10_000);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
