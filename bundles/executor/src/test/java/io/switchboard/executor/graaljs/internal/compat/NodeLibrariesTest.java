package io.switchboard.executor.graaljs.internal.compat;

import static io.switchboard.executor.graaljs.internal.compat.Compat.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.executor.graaljs.internal.ExecutorHarness;
import io.switchboard.executor.graaljs.internal.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LivePerson's libraries, each proven by its own use: JWTs signed and verified, an OAuth 1.0a vector, luxon's zones. */
class NodeLibrariesTest {
    private static ExecutorHarness harness;
    private static KeyPair rsa;
    private static KeyPair ec;

    @BeforeAll
    static void start() throws Exception {
        harness = new ExecutorHarness(Map.of());
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGenerator.generateKeyPair();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void lodashAndEsToolkitWorkThroughRequire() {
        assertThat(run(harness, """
                const _ = require('lodash');
                const { chunk, sum } = require('es-toolkit');
                const compat = require('es-toolkit/compat');
                async function lambda() {
                  return [_.chunk([1, 2, 3], 2), _.get({ a: { b: 1 } }, 'a.b'), _.VERSION, chunk([1, 2, 3], 2), sum([1, 2]), compat.get({ a: [7] }, 'a[0]')];
                }"""))
                .isEqualTo("[[[1,2],[3]],1,\"4.18.1\",[[1,2],[3]],3,7]");
    }

    @Test
    void luxonKnowsTimeZonesAndDaylightSavingTime() {
        assertThat(run(harness, """
                const { DateTime } = require('luxon');
                async function lambda() {
                  const before = DateTime.fromISO('2026-03-08T06:30:00Z', { zone: 'utc' });
                  const after = before.plus({ hours: 1 });
                  return [before.setZone('America/New_York').toISO(), after.setZone('America/New_York').toISO(),
                    before.setZone('Europe/Berlin').toFormat('yyyy-LL-dd HH:mm'), before.setZone('Asia/Kolkata').offset,
                    DateTime.fromObject({ year: 2026, month: 7, day: 1 }, { zone: 'Australia/Sydney' }).offsetNameShort];
                }"""))
                .isEqualTo("[\"2026-03-08T01:30:00.000-05:00\",\"2026-03-08T03:30:00.000-04:00\",\"2026-03-08 07:30\",330,\"GMT+10\"]");
    }

    @Test
    void oauth10aSignsTheRfc5849Example() {
        // RFC 5849 section 1.2 (photos.example.net): the signature is tR3+Ty81lMeYAr/Fid0kMTYa/WM=
        assertThat(run(harness, """
                const OAuth = require('oauth-1.0a');
                const crypto = require('crypto');
                async function lambda() {
                  const oauth = OAuth({
                    consumer: { key: 'dpf43f3p2l4k3l03', secret: 'kd94hf93k423kf44' },
                    signature_method: 'HMAC-SHA1',
                    hash_function: (base, key) => crypto.createHmac('sha1', key).update(base).digest('base64'),
                  });
                  oauth.getNonce = () => 'kllo9940pd9333jh';
                  oauth.getTimeStamp = () => 1191242096;
                  const data = oauth.authorize({ url: 'http://photos.example.net/photos?file=vacation.jpg&size=original', method: 'GET' },
                    { key: 'nnch734d00sl2jdk', secret: 'pfkkdhi9sl3r4s00' });
                  return [data.oauth_signature, oauth.toHeader(data).Authorization.startsWith('OAuth oauth_consumer_key="dpf43f3p2l4k3l03"')];
                }"""))
                .isEqualTo("[\"tR3+Ty81lMeYAr/Fid0kMTYa/WM=\",true]");
    }

    @Test
    void jsonwebtokenSignsAndVerifiesHs256() {
        assertThat(run(harness, """
                const jwt = require('jsonwebtoken');
                async function lambda() {
                  const token = jwt.sign({ sub: 'agent-1' }, 'shhhh', { algorithm: 'HS256', noTimestamp: true });
                  let wrongSecret;
                  try { jwt.verify(token, 'other'); } catch (e) { wrongSecret = e.message; }
                  return [token, jwt.verify(token, 'shhhh').sub, wrongSecret];
                }"""))
                // the same token Node 20 with jsonwebtoken 9.0.2 signs
                .isEqualTo("[\"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC0xIn0."
                        + "63jjRvmFz0lI7nAkAYBDmegtdfEZXEJ0TM57XUN4fr0\",\"agent-1\",\"invalid signature\"]");
    }

    @Test
    void jsonwebtokenRs256TokensVerifyHereAndInJava() throws Exception {
        String token = signAndVerify("RS256", pem("PRIVATE KEY", rsa.getPrivate().getEncoded()), pem("PUBLIC KEY", rsa.getPublic().getEncoded()));

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(rsa.getPublic());
        assertThat(verifies(verifier, token)).isTrue();
    }

    @Test
    void jsonwebtokenEs256TokensVerifyHereAndInJava() throws Exception {
        String token = signAndVerify("ES256", pem("PRIVATE KEY", ec.getPrivate().getEncoded()), pem("PUBLIC KEY", ec.getPublic().getEncoded()));

        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(ec.getPublic());
        assertThat(verifies(verifier, token)).isTrue();
    }

    @Test
    void jsonwebtokenVerifiesATokenSignedByJava() throws Exception {
        String signingInput = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64Url("{\"sub\":\"from-java\"}");
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(rsa.getPrivate());
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String token = signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());

        assertThat(run(harness, """
                const jwt = require('jsonwebtoken');
                async function lambda(input) {
                  const key = require('crypto').createPublicKey(input.payload.publicKey);
                  return [jwt.verify(input.payload.token, input.payload.publicKey).sub, key.asymmetricKeyType, key.asymmetricKeyDetails.modulusLength];
                }""", "{\"token\":" + JsonText.quote(token) + ",\"publicKey\":" + JsonText.quote(pem("PUBLIC KEY", rsa.getPublic().getEncoded())) + "}"))
                .isEqualTo("[\"from-java\",\"rsa\",2048]");
    }

    /** Signs {sub} with the private key in the sandbox, verifies it there with the public key, and returns the token. */
    private static String signAndVerify(String algorithm, String privatePem, String publicPem) {
        String answer = run(harness, """
                const jwt = require('jsonwebtoken');
                async function lambda(input) {
                  const { privateKey, publicKey, algorithm } = input.payload;
                  const token = jwt.sign({ sub: 'agent-2' }, privateKey, { algorithm, expiresIn: '5m' });
                  const claims = jwt.verify(token, publicKey, { algorithms: [algorithm] });
                  return [token, claims.sub, claims.exp - claims.iat, jwt.decode(token, { complete: true }).header.alg];
                }""", "{\"algorithm\":\"" + algorithm + "\",\"privateKey\":" + JsonText.quote(privatePem) + ",\"publicKey\":"
                + JsonText.quote(publicPem) + "}");
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) JsonText.parse(answer);
        assertThat(values.subList(1, 4)).containsExactly("agent-2", 300.0, algorithm);
        return (String) values.get(0);
    }

    private static boolean verifies(Signature verifier, String token) throws Exception {
        int lastDot = token.lastIndexOf('.');
        verifier.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
