package io.switchboard.camel.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.api.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookAuthenticationTest {

    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/events/system-messages/ttr";
    private static final long NOW = 1_800_000_000L;
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);

    private final WebhookAuthentication authentication = authentication(false);

    private static WebhookAuthentication authentication(boolean acceptUntimed) {
        return new WebhookAuthentication(key -> switch (key) {
            case "admin" -> Optional.of(new Caller(null, true));
            case "acme-key" -> Optional.of(new Caller("acme", false));
            default -> Optional.empty();
        }, List.of(SigningSecret.parse("acme@/events/system-messages/=s3cret")),
                new WebhookAuthentication.SignaturePolicy(Duration.ofMinutes(5), acceptUntimed),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    }

    private static String signature(long timestamp, byte[] body) {
        return "sha256=" + WebhookAuthentication.hmac(SECRET, (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
    }

    private WebhookAuthentication.Result signed(WebhookAuthentication with, String path, String account, String signature,
            String timestamp, byte[] body) {
        return with.authenticate(path, null, account, signature, timestamp).withBody(body);
    }

    @Test
    void anAccountKeyActsForItsAccountOnlyAndNeedsNoBody() {
        assertThat(authentication.authenticate(PATH, "Bearer acme-key", null, null, null).account()).isEqualTo("acme");
        assertThat(authentication.authenticate(PATH, "Bearer acme-key", null, null, null).pending()).isNull();
        assertThat(authentication.authenticate(PATH, "Bearer acme-key", "globex", null, null).status()).isEqualTo(403);
        assertThat(authentication.authenticate(PATH, "Bearer nope", null, null, null).status()).isEqualTo(401);
    }

    @Test
    void theAdminKeyNeedsTheAccountHeader() {
        assertThat(authentication.authenticate(PATH, "Bearer admin", "globex", null, null).account()).isEqualTo("globex");
        assertThat(authentication.authenticate(PATH, "Bearer admin", null, null, null).status()).isEqualTo(400);
    }

    @Test
    void aSignatureOfTheTimestampAndBodyWithTheSecretOfTheAccountAndPathIsAccepted() {
        String signature = signature(NOW - 10, BODY);
        String timestamp = Long.toString(NOW - 10);

        assertThat(signed(authentication, PATH, "acme", signature, timestamp, BODY).account()).isEqualTo("acme");
        assertThat(signed(authentication, PATH, "acme", signature.toUpperCase().replace("SHA256=", "sha256="), timestamp, BODY).account())
                .isEqualTo("acme");
        assertThat(signed(authentication, "/events/third-party-bots/pre-hook", "acme", signature, timestamp, BODY).status()).isEqualTo(401);
        assertThat(signed(authentication, PATH, "globex", signature, timestamp, BODY).status()).isEqualTo(401);
        assertThat(signed(authentication, PATH, "acme", signature, timestamp, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(401);
        assertThat(signed(authentication, PATH, "acme", signature, Long.toString(NOW - 11), BODY).status()).isEqualTo(401);
        assertThat(signed(authentication, PATH, "acme", "md5=abc", timestamp, BODY).status()).isEqualTo(401);
    }

    @Test
    void aSignedCallIsJudgedFromItsHeadersBeforeItsBodyIsRead() {
        WebhookAuthentication.Result plausible = authentication.authenticate(PATH, null, "acme", signature(NOW, BODY), Long.toString(NOW));
        WebhookAuthentication.Result noSecret = authentication.authenticate(PATH, null, "globex", signature(NOW, BODY), Long.toString(NOW));

        assertThat(plausible.accepted()).isTrue();
        assertThat(plausible.pending()).isNotNull();
        assertThat(noSecret.status()).isEqualTo(401);
        assertThat(authentication.authenticate(PATH, null, "acme", "sha256=zz", Long.toString(NOW)).status()).isEqualTo(401);
        assertThat(authentication.authenticate(PATH, null, null, signature(NOW, BODY), Long.toString(NOW)).status()).isEqualTo(401);
    }

    @Test
    void aTimestampOutsideTheToleranceOrNotInSecondsIsRefused() {
        long old = NOW - 301;
        long ahead = NOW + 301;

        WebhookAuthentication.Result replay = authentication.authenticate(PATH, null, "acme", signature(old, BODY), Long.toString(old));

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.reason()).contains("301 s").contains("tolerance of 300 s");
        assertThat(authentication.authenticate(PATH, null, "acme", signature(ahead, BODY), Long.toString(ahead)).status()).isEqualTo(401);
        assertThat(authentication.authenticate(PATH, null, "acme", signature(NOW - 300, BODY), Long.toString(NOW - 300)).accepted()).isTrue();
        assertThat(authentication.authenticate(PATH, null, "acme", signature(NOW, BODY), Long.toString(NOW * 1000)).status()).isEqualTo(401);
        assertThat(authentication.authenticate(PATH, null, "acme", signature(NOW, BODY), "-5").status()).isEqualTo(401);
    }

    @Test
    void aSignatureOfTheBodyAloneIsAcceptedOnlyInTheTransition() {
        String bodyOnly = "sha256=" + WebhookAuthentication.hmac(SECRET, new byte[0], BODY);

        WebhookAuthentication.Result refused = authentication.authenticate(PATH, null, "acme", bodyOnly, null);
        WebhookAuthentication.Result inTransition = signed(authentication(true), PATH, "acme", bodyOnly, null, BODY);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.reason()).contains("X-Switchboard-Timestamp");
        assertThat(inTransition.account()).isEqualTo("acme");
        assertThat(signed(authentication(true), PATH, "acme", bodyOnly, Long.toString(NOW), BODY).status()).isEqualTo(401);
    }

    @Test
    void noCredentialsAre401() {
        assertThat(authentication.authenticate(PATH, null, "acme", null, null).status()).isEqualTo(401);
        assertThat(authentication.authenticate(PATH, "Basic abc", "acme", null, null).status()).isEqualTo(401);
    }

    @Test
    void theHmacIsLowerCaseHexOfSha256OfPrefixAndBody() {
        // RFC 4231 test case 2, split into a prefix and a body
        assertThat(WebhookAuthentication.hmac("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya ".getBytes(StandardCharsets.US_ASCII),
                "want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aMalformedSigningSecretIsRefusedWithoutEchoingTheSecret() {
        assertThatThrownBy(() -> SigningSecret.parse("acme/events/x=topsecret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> SigningSecret.parse("acme@/other/x=s")).isInstanceOf(IllegalArgumentException.class);
    }
}
