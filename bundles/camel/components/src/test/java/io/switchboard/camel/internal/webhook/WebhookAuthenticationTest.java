package io.switchboard.camel.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.api.security.Caller;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookAuthenticationTest {

    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/events/system-messages/ttr";

    private final WebhookAuthentication authentication = new WebhookAuthentication(key -> switch (key) {
        case "admin" -> Optional.of(new Caller(null, true));
        case "acme-key" -> Optional.of(new Caller("acme", false));
        default -> Optional.empty();
    }, List.of(SigningSecret.parse("acme@/events/system-messages/=s3cret")));

    @Test
    void anAccountKeyActsForItsAccountOnly() {
        assertThat(authentication.authenticate(PATH, "Bearer acme-key", null, null, BODY).account()).isEqualTo("acme");
        assertThat(authentication.authenticate(PATH, "Bearer acme-key", "globex", null, BODY).status()).isEqualTo(403);
        assertThat(authentication.authenticate(PATH, "Bearer nope", null, null, BODY).status()).isEqualTo(401);
    }

    @Test
    void theAdminKeyNeedsTheAccountHeader() {
        assertThat(authentication.authenticate(PATH, "Bearer admin", "globex", null, BODY).account()).isEqualTo("globex");
        assertThat(authentication.authenticate(PATH, "Bearer admin", null, null, BODY).status()).isEqualTo(400);
    }

    @Test
    void aSignatureWithTheSecretOfTheAccountAndPathIsAccepted() {
        String signature = "sha256=" + WebhookAuthentication.hmac("s3cret".getBytes(StandardCharsets.UTF_8), BODY);

        assertThat(authentication.authenticate(PATH, null, "acme", signature, BODY).account()).isEqualTo("acme");
        assertThat(authentication.authenticate("/events/third-party-bots/pre-hook", null, "acme", signature, BODY).status())
                .isEqualTo(401);
        assertThat(authentication.authenticate(PATH, null, "globex", signature, BODY).status()).isEqualTo(401);
        assertThat(authentication.authenticate(PATH, null, "acme", signature, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(401);
        assertThat(authentication.authenticate(PATH, null, "acme", "md5=abc", BODY).status()).isEqualTo(401);
    }

    @Test
    void noCredentialsAre401() {
        assertThat(authentication.authenticate(PATH, null, "acme", null, BODY).status()).isEqualTo(401);
        assertThat(authentication.authenticate(PATH, "Basic abc", "acme", null, BODY).status()).isEqualTo(401);
    }

    @Test
    void theHmacIsLowerCaseHexOfSha256() {
        // RFC 4231 test case 2
        assertThat(WebhookAuthentication.hmac("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aMalformedSigningSecretIsRefusedWithoutEchoingTheSecret() {
        assertThatThrownBy(() -> SigningSecret.parse("acme/events/x=topsecret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> SigningSecret.parse("acme@/other/x=s")).isInstanceOf(IllegalArgumentException.class);
    }
}
