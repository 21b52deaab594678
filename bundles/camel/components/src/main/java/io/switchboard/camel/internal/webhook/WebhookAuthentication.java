package io.switchboard.camel.internal.webhook;

import io.switchboard.core.api.security.Authenticator;
import io.switchboard.core.api.security.Caller;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides which account a webhook call acts for: an API key ({@code Authorization: Bearer}; the admin key names
 * the account in {@code X-Switchboard-Account}) or a signature {@code sha256=<hex HMAC-SHA256 of the body>} made
 * with the shared secret configured for that account and path.
 */
final class WebhookAuthentication {

    private static final String SIGNATURE_PREFIX = "sha256=";

    /** The answer: an account, or the status and reason of a refusal. */
    record Result(String account, int status, String reason) {
        static Result accepted(String account) {
            return new Result(account, 0, null);
        }

        static Result refused(int status, String reason) {
            return new Result(null, status, reason);
        }

        boolean accepted() {
            return account != null;
        }
    }

    private final Authenticator authenticator;
    private final List<SigningSecret> secrets;

    WebhookAuthentication(Authenticator authenticator, List<SigningSecret> secrets) {
        this.authenticator = authenticator;
        this.secrets = List.copyOf(secrets);
    }

    Result authenticate(String path, String authorization, String namedAccount, String signature, byte[] body) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return byKey(authorization.substring(7).trim(), namedAccount);
        }
        if (signature != null) {
            return bySignature(path, namedAccount, signature, body);
        }
        return Result.refused(401, "Send an account API key (Authorization: Bearer <key>) or a signature of the body");
    }

    private Result byKey(String key, String namedAccount) {
        Optional<Caller> caller = authenticator.authenticate(key);
        if (caller.isEmpty()) {
            return Result.refused(401, "Unknown API key");
        }
        if (caller.get().admin()) {
            return namedAccount == null || namedAccount.isBlank()
                    ? Result.refused(400, "The admin key acts for no account of its own: name it in the header X-Switchboard-Account")
                    : Result.accepted(namedAccount);
        }
        String own = caller.get().account();
        if (namedAccount != null && !namedAccount.equals(own)) {
            return Result.refused(403, "This key belongs to another account than '" + namedAccount + "'");
        }
        return Result.accepted(own);
    }

    private Result bySignature(String path, String namedAccount, String signature, byte[] body) {
        if (namedAccount == null || namedAccount.isBlank()) {
            return Result.refused(401, "A signed call names its account in the header X-Switchboard-Account");
        }
        if (!signature.startsWith(SIGNATURE_PREFIX)) {
            return Result.refused(401, "The signature is 'sha256=<hex HMAC-SHA256 of the body>'");
        }
        byte[] presented = signature.substring(SIGNATURE_PREFIX.length()).trim().getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (SigningSecret secret : secrets) {
            // Every matching secret is compared, so a rotated secret and its successor both work.
            if (secret.covers(namedAccount, path)) {
                byte[] expected = hmac(secret.secret(), body).getBytes(StandardCharsets.US_ASCII);
                valid |= MessageDigest.isEqual(expected, presented);
            }
        }
        return valid ? Result.accepted(namedAccount) : Result.refused(401, "Wrong signature for account '" + namedAccount + "'");
    }

    /** Lower-case hex HMAC-SHA256 of the body. */
    static String hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK; this JVM lacks it", e);
        }
    }
}
