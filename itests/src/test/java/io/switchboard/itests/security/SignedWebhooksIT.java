package io.switchboard.itests.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.itests.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * Signed webhooks cannot be replayed (docs/security.md, "Ingress: webhooks, HTTP and headers"): the signature covers
 * {@code <timestamp>.<body>}, a timestamp outside the tolerance is refused, and a signature of the body alone is accepted
 * only while the transition setting is on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SignedWebhooksIT extends TwoTenantsTestSupport {

    private static final String PID = "io.switchboard.camel.webhook";
    private static final String SECRET = "itest-alice-signing-secret";
    private static final String FUNCTION = "signed";

    @Before
    public void signWithAlicesSecretAndDeploy() throws Exception {
        configure(300, false);
        if (alice.get("/accounts/" + ALICE + "/functions").body().at("/total").asInt() == 0) {
            deployFunction(ALICE, FUNCTION, null, "async function lambda(input) { return {signed: 'ok'}; }", null);
        }
    }

    @Test
    public void aCallSignedWithACurrentTimestampIsAccepted() throws Exception {
        String body = conversationBuilderCall(FUNCTION, null);

        Api.Answer answer = signed(body, now(), sign(SECRET, now() + "." + body));

        assertEquals(answer.body().toString(), 200, answer.status());
        assertEquals("ok", answer.text("/result/signed"));
    }

    @Test
    public void aTimestampOutsideTheToleranceIsRefusedEvenWithItsRightSignature() throws Exception {
        String body = conversationBuilderCall(FUNCTION, null);
        // Well outside the 300 s tolerance: a call that reaches the server seconds later (a loaded CI machine) must still be
        // outside it, which a timestamp of now + 301 is not.
        long old = now() - 400;
        long future = now() + 400;

        Api.Answer tooOld = signed(body, old, sign(SECRET, old + "." + body));
        Api.Answer tooNew = signed(body, future, sign(SECRET, future + "." + body));
        Api.Answer notANumber = signed(body, "yesterday", sign(SECRET, "yesterday." + body));

        assertEquals(tooOld.body().toString(), 401, tooOld.status());
        assertTrue(tooOld.body().toString(), tooOld.text("/detail").contains("300"));
        assertEquals(tooNew.body().toString(), 401, tooNew.status());
        assertEquals(notANumber.body().toString(), 401, notANumber.status());
    }

    @Test
    public void aCapturedCallIsRefusedOnceItsTimestampLeavesTheTolerance() throws Exception {
        configure(2, false);
        String body = conversationBuilderCall(FUNCTION, null);
        long timestamp = now();
        String signature = sign(SECRET, timestamp + "." + body);
        Api.Answer first = signed(body, timestamp, signature);
        assertEquals(first.body().toString(), 200, first.status());

        await("the replayed call is refused", Duration.ofSeconds(10), () -> signed(body, timestamp, signature).status() == 401);
    }

    @Test
    public void aSignatureOfTheBodyAloneIsAcceptedOnlyWhileTheTransitionSettingIsOn() throws Exception {
        String body = conversationBuilderCall(FUNCTION, null);
        String bodyOnly = sign(SECRET, body);

        Api.Answer refused = webhook(CONVERSATION_BUILDER, body, "X-Switchboard-Account", ALICE, "X-Switchboard-Signature", bodyOnly);
        assertEquals(refused.body().toString(), 401, refused.status());

        configure(300, true);
        Api.Answer accepted = webhook(CONVERSATION_BUILDER, body, "X-Switchboard-Account", ALICE, "X-Switchboard-Signature", bodyOnly);
        assertEquals(accepted.body().toString(), 200, accepted.status());
        // Even in the transition, a call that carries a timestamp is checked against it.
        Api.Answer timestampedButBodyOnly = signed(body, now(), bodyOnly);
        assertEquals(timestampedButBodyOnly.body().toString(), 401, timestampedButBodyOnly.status());
    }

    /** Configures the webhook and waits until a call signed the new way shows the configuration applied. */
    private void configure(long toleranceSeconds, boolean acceptUntimedSignatures) throws Exception {
        Configuration webhooks = configurationAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("signingSecrets", new String[] {ALICE + "@/events/conversation-builder/=" + SECRET});
        properties.put("signatureToleranceSeconds", toleranceSeconds);
        properties.put("acceptUntimedSignatures", acceptUntimedSignatures);
        Dictionary<String, Object> current = webhooks.getProperties();
        if (current != null && properties.get("signatureToleranceSeconds").equals(current.get("signatureToleranceSeconds"))
                && properties.get("acceptUntimedSignatures").equals(current.get("acceptUntimedSignatures"))) {
            return;
        }
        webhooks.update(properties);
        String probe = "{\"functionId\":\"no-such-function\",\"payload\":{}}";
        await("the webhook takes the configuration", Duration.ofSeconds(20), () -> {
            long timestamp = now() - toleranceSeconds - 1;
            // Just outside the new tolerance: refused once it applies (the old one was either wider or the same).
            boolean toleranceApplied = signed(probe, timestamp, sign(SECRET, timestamp + "." + probe)).status() == 401
                    && signed(probe, now(), sign(SECRET, now() + "." + probe)).status() == 404;
            int untimed = webhook(CONVERSATION_BUILDER, probe, "X-Switchboard-Account", ALICE, "X-Switchboard-Signature",
                    sign(SECRET, probe)).status();
            return toleranceApplied && (acceptUntimedSignatures ? untimed == 404 : untimed == 401);
        });
    }

    private Api.Answer signed(String body, Object timestamp, String signature) {
        return webhook(CONVERSATION_BUILDER, body, "X-Switchboard-Account", ALICE, "X-Switchboard-Timestamp", timestamp.toString(),
                "X-Switchboard-Signature", signature);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static String sign(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
