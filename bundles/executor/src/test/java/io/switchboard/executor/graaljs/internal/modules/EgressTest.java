package io.switchboard.executor.graaljs.internal.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.internal.egress.EgressPolicyImpl;
import io.switchboard.executor.graaljs.internal.ExecutorHarness;
import io.switchboard.executor.graaljs.internal.Functions;
import io.switchboard.executor.graaljs.internal.TestConfigs;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions reach only addresses the egress policy admits, checked on the address connected to (issue 14, item 6).
 * A self-signed HTTPS stub on loopback shows TLS (certificate and host name checks) still works through the check.
 */
class EgressTest {
    private static final String PASSWORD = "changeit";
    @TempDir
    static Path folder;
    private static HttpsServer server;
    private static int port;
    private static ExecutorHarness strict;
    private static ExecutorHarness admitting;
    private static HttpClientModule strictHttp;
    private static HttpClientModule admittingHttp;

    @BeforeAll
    static void start() throws Exception {
        Path keyStore = selfSignedKeyStore(folder);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(keyStore)));
        server.createContext("/secret", exchange -> {
            byte[] body = "internal data".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();

        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setTrustStorePath(keyStore.toString());
        tls.setTrustStorePassword(PASSWORD);
        tls.setTrustStoreType("PKCS12");
        var config = TestConfigs.of(HttpClientModule.Config.class, Map.of("requestTimeoutMillis", 3000L));
        strictHttp = new HttpClientModule(config, EgressPolicyImpl.admitting(), tls);
        strict = new ExecutorHarness(Map.of()).with("HTTPClient", strictHttp);
        SslContextFactory.Client tls2 = new SslContextFactory.Client();
        tls2.setTrustStorePath(keyStore.toString());
        tls2.setTrustStorePassword(PASSWORD);
        tls2.setTrustStoreType("PKCS12");
        admittingHttp = new HttpClientModule(config, EgressPolicyImpl.admitting("127.0.0.0/8"), tls2);
        admitting = new ExecutorHarness(Map.of()).with("HTTPClient", admittingHttp);
    }

    @AfterAll
    static void stop() {
        strict.close();
        admitting.close();
        strictHttp.deactivate();
        admittingHttp.deactivate();
        server.stop(0);
    }

    @Test
    void aNameOnTheAllowListThatResolvesToLoopbackIsRefusedAtConnectTime() {
        ExecutionResult result = fetch(strict, "https://localhost:" + port + "/secret", List.of("localhost"));

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorMsg()).contains("The request to localhost failed: localhost resolves only to addresses functions "
                + "may not reach:", "is a loopback address");
    }

    @Test
    void loopbackInAnyNotationIsRefused() {
        for (String host : List.of("127.0.0.1", "2130706433", "127.1", "[::1]")) {
            ExecutionResult result = fetch(strict, "https://" + host + ":" + port + "/secret", List.of(host));

            assertThat(result.outcome()).as(host).isEqualTo(Outcome.ERROR);
            // 127.1 is not even a host to java.net.URI; the others resolve to loopback and are refused there.
            assertThat(result.error().errorMsg()).as(host).containsAnyOf("may not reach", "only absolute http and https URLs");
        }
    }

    @Test
    void metadataAndPrivateAddressesAreRefusedWithoutAConnection() {
        for (String host : List.of("169.254.169.254", "10.0.0.1", "192.168.0.1", "0.0.0.0")) {
            ExecutionResult result = fetch(strict, "http://" + host + "/latest/meta-data/", List.of(host));

            assertThat(result.error().errorMsg()).as(host).contains("may not reach");
        }
    }

    @Test
    void anAdmittedNetworkIsReachableOverHttpsWithTheCertificateChecked() {
        ExecutionResult result = fetch(admitting, "https://localhost:" + port + "/secret", List.of("localhost"));

        assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.OK);
        assertThat(result.resultJson()).isEqualTo("[200,\"internal data\"]");
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        // The stub's certificate names localhost and 127.0.0.1 only.
        ExecutionResult result = fetch(admitting, "https://127.0.0.2:" + port + "/secret", List.of("127.0.0.2"));

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
    }

    private static ExecutionResult fetch(ExecutorHarness harness, String url, List<String> domains) {
        return harness.executor().execute(Functions.withDomains("""
                async function lambda() {
                  const response = await require('lp-faas-toolbelt').HTTPClient().fetch('%s');
                  return [response.status, await response.text()];
                }""".formatted(url), domains));
    }

    private static Path selfSignedKeyStore(Path dir) throws Exception {
        Path store = dir.resolve("stub.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "stub", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0 || !Files.exists(store)) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return store;
    }

    private static SSLContext serverContext(Path keyStore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }
}
