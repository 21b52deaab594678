package io.switchboard.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchboard.core.api.security.Authenticator;
import io.switchboard.core.api.security.Caller;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.jupiter.api.Test;

class ShellSessionTest {
    private final CommandProcessor processor = mock(CommandProcessor.class);
    private final CommandSession session = mock(CommandSession.class);
    private final Authenticator authenticator = mock(Authenticator.class);

    private String converse(String input) throws Exception {
        when(processor.createSession(any(InputStream.class), any(OutputStream.class), any(OutputStream.class))).thenReturn(session);
        when(authenticator.authenticate("admin-key")).thenReturn(Optional.of(new Caller(null, true)));
        when(authenticator.authenticate("acme-key")).thenReturn(Optional.of(new Caller("acme", false)));
        ShellSession.Factory factory = new ShellSession.Factory(processor, authenticator, 5_000);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            Socket accepted = server.accept();
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> factory.serve(accepted));
            client.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();
            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            served.get(10, TimeUnit.SECONDS);
            return answer;
        }
    }

    @Test
    void theAdminKeyOpensASessionThatRunsOneCommandPerLine() throws Exception {
        when(session.execute("lb")).thenReturn("bundles");
        when(session.format("bundles", Converter.INSPECT)).thenReturn("0|Active|switchboard.core");
        String answer = converse("admin-key\nlb\nexit\nnot run\n");
        assertThat(answer).contains("Switchboard shell").contains("0|Active|switchboard.core");
        verify(session, never()).execute("not run");
        verify(session).close();
    }

    @Test
    void anAccountKeyOrNoKeyIsRefusedBeforeAnySession() throws Exception {
        assertThat(converse("acme-key\nlb\n")).contains("refused: the first line must be the admin key");
        assertThat(converse("")).contains("refused");
        verify(processor, never()).createSession(any(InputStream.class), any(OutputStream.class), any(OutputStream.class));
    }
}
