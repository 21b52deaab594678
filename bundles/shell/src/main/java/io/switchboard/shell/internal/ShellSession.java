package io.switchboard.shell.internal;

import io.switchboard.core.api.security.Authenticator;
import io.switchboard.core.api.security.Caller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One connection: the admin key first, then one Gogo command per line until {@code exit} or the end of input. */
final class ShellSession {
    private static final Logger LOG = LoggerFactory.getLogger(ShellSession.class);

    private ShellSession() {
    }

    /** Serves connections with the platform's command processor and key check. */
    record Factory(CommandProcessor processor, Authenticator authenticator, int keyTimeoutMillis) {

        void serve(Socket socket) {
            try (socket) {
                socket.setSoTimeout(keyTimeoutMillis);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                PrintStream out = new PrintStream(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                String key = in.readLine();
                boolean admin = key != null && authenticator.authenticate(key.strip()).map(Caller::admin).orElse(false);
                if (!admin) {
                    out.println("refused: the first line must be the admin key");
                    LOG.warn("Remote shell refused a connection without the admin key");
                    return;
                }
                socket.setSoTimeout(0);
                out.println("Switchboard shell: Gogo commands, one per line ('help' lists them, 'exit' ends the session)");
                run(in, out);
            } catch (IOException e) {
                LOG.debug("Remote shell session ended: {}", e.toString());
            }
        }

        private void run(BufferedReader in, PrintStream out) throws IOException {
            CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out);
            try {
                for (String line = in.readLine(); line != null && !line.strip().equals("exit"); line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        Object result = session.execute(line);
                        if (result != null) {
                            out.println(session.format(result, Converter.INSPECT));
                        }
                    } catch (Exception e) {
                        out.println("error: " + e.getMessage());
                    }
                    out.flush();
                }
            } finally {
                session.close();
            }
        }
    }
}
