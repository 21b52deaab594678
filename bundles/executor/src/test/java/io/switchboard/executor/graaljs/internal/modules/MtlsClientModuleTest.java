package io.switchboard.executor.graaljs.internal.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
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
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MTLSClient against a local HTTPS server that requires a client certificate signed by a test CA (made with openssl). */
class MtlsClientModuleTest {
    private static final String PASSWORD = "changeit";
    @TempDir
    static Path folder;
    private static HttpsServer server;
    private static MtlsClientModule mtls;
    private static ExecutorHarness harness;
    private static String cert;
    private static String key;
    private static String ca;

    @BeforeAll
    static void start() throws Exception {
        openssl(folder);
        cert = Files.readString(folder.resolve("client.pem"));
        key = Files.readString(folder.resolve("client.key"));
        ca = Files.readString(folder.resolve("ca.pem"));
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SSLContext tls = serverContext();
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/hello", exchange -> {
            X509Certificate client = (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
            byte[] body = ("{\"client\":\"" + client.getSubjectX500Principal().getName() + "\",\"method\":\"" + exchange.getRequestMethod()
                    + "\",\"sent\":" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        mtls = new MtlsClientModule(TestConfigs.of(HttpClientModule.Config.class, Map.of()), EgressPolicyImpl.admitting("127.0.0.0/8"),
                new AccountOutbound());
        harness = new ExecutorHarness(Map.of()).with("MTLSClient", mtls);
    }

    @AfterAll
    static void stop() {
        harness.close();
        mtls.deactivate();
        server.stop(0);
    }

    @Test
    void theClientCertificateIsPresentedAndTheServerCheckedAgainstTheCa() {
        ExecutionResult result = harness.executor().execute(Functions.withDomains("const PEM = " + pem() + ";\n" + """
                const { Toolbelt } = require('lp-faas-toolbelt');
                async function lambda(input) {
                  const mtlsClient = Toolbelt.MTLSClient({ cert: PEM.cert, key: PEM.key, ca: PEM.ca });
                  const response = await mtlsClient.post('https://localhost:%d/hello', { 'x-test': '1' }, { order: 7 },
                      { json: true, timeout: 10000, allowSelfSigned: false });
                  return [response.statusCode, response.body];
                }""".formatted(server.getAddress().getPort()), List.of("localhost")));

        assertThat(result.outcome()).as("%s", result.error()).isEqualTo(Outcome.OK);
        assertThat(result.resultJson()).isEqualTo("[200,{\"client\":\"CN=function-client\",\"method\":\"POST\",\"sent\":{\"order\":7}}]");
    }

    @Test
    void aMalformedCertificateFailsWhenTheClientIsMade() {
        ExecutionResult result = harness.executor().execute(Functions.withDomains("""
                const { Toolbelt } = require('lp-faas-toolbelt');
                function lambda(input, callback) {
                  try { Toolbelt.MTLSClient({ cert: 'not a certificate', key: 'nor a key' }); callback(null, 'made'); }
                  catch (e) { callback(null, e.message); }
                }""", List.of("localhost")));

        assertThat(result.resultJson()).isEqualTo("\"MTLSClient: cert must be in PEM format\"");
    }

    private static String pem() {
        return "{cert: " + quote(cert) + ", key: " + quote(key) + ", ca: " + quote(ca) + "}";
    }

    private static String quote(String text) {
        return "'" + text.replace("\n", "\\n") + "'";
    }

    private static void openssl(Path dir) throws Exception {
        String script = """
                set -e
                openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=test-ca
                openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost
                printf 'subjectAltName=DNS:localhost,IP:127.0.0.1' > san.ext
                openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext
                openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=function-client
                openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2
                openssl pkcs12 -export -in server.pem -inkey server.key -out server.p12 -passout pass:changeit
                """;
        Process process = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + output);
        }
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(folder.resolve("server.p12"))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(folder.resolve("ca.pem"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), trusted.getTrustManagers(), null);
        return context;
    }
}
