package io.switchboard.shell.internal;

import io.switchboard.core.api.security.Authenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gogo shell of a running platform on a loopback port, for {@code bin/switchboard shell}: a background run has no
 * terminal for the shell. Only the machine's own users can connect (127.0.0.1), and a session opens only for the admin
 * key, sent as the first line; the port is written to {@code data/shell.port} (readable by the platform's user only).
 */
@Component(immediate = true, configurationPid = RemoteShell.PID)
@Designate(ocd = RemoteShell.Config.class)
public final class RemoteShell {
    static final String PID = "io.switchboard.shell.remote";
    static final String PORT_FILE = "shell.port";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteShell.class);

    /** Where the shell listens and how many sessions it serves at once. */
    @ObjectClassDefinition(name = "Switchboard remote shell", description = "The Gogo shell on a loopback port for the admin key.")
    public @interface Config {
        @AttributeDefinition(name = "Port", description = "Loopback port; 0 picks a free one (written to data/shell.port).", min = "0",
                max = "65535")
        int port() default 0;

        @AttributeDefinition(name = "Sessions", description = "Sessions served at once; more connections are refused.", min = "1")
        int maxSessions() default 4;

        @AttributeDefinition(name = "Key timeout (ms)", description = "How long a connection may take to send the admin key.", min = "1")
        int keyTimeoutMillis() default 10_000;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "switchboard-remote-shell");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore sessions;
    private final Path portFile;

    @Activate
    public RemoteShell(Config config, @Reference CommandProcessor processor, @Reference Authenticator authenticator, BundleContext context) {
        this.sessions = new Semaphore(config.maxSessions());
        try {
            this.server = new ServerSocket(config.port(), 16, InetAddress.getLoopbackAddress());
            String data = context.getProperty("switchboard.data");
            this.portFile = Path.of(data != null ? data : "data").resolve(PORT_FILE);
            Files.createDirectories(portFile.toAbsolutePath().getParent());
            Files.writeString(portFile, server.getLocalPort() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("The remote shell cannot listen on 127.0.0.1:" + config.port(), e);
        }
        ShellSession.Factory factory = new ShellSession.Factory(processor, authenticator, config.keyTimeoutMillis());
        threads.execute(() -> accept(factory));
        LOG.info("Remote shell on 127.0.0.1:{} for the admin key (bin/switchboard shell)", server.getLocalPort());
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept(ShellSession.Factory factory) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (!sessions.tryAcquire()) {
                    socket.getOutputStream().write("refused: too many shell sessions\n".getBytes(StandardCharsets.UTF_8));
                    socket.close();
                    continue;
                }
                threads.execute(() -> {
                    try {
                        factory.serve(socket);
                    } finally {
                        sessions.release();
                    }
                });
            } catch (IOException | RejectedExecutionException e) {
                if (!server.isClosed()) {
                    LOG.warn("Remote shell connection failed: {}", e.toString());
                }
            }
        }
    }

    @Deactivate
    void deactivate() throws IOException {
        server.close();
        threads.shutdownNow();
        Files.deleteIfExists(portFile);
    }
}
