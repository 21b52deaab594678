package io.switchboard.camel.internal.webhook;

import io.switchboard.core.api.security.Authenticator;
import io.switchboard.core.api.security.Caller;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides which account a webhook call acts for, from its headers before its body is read: an API key
 * ({@code Authorization: Bearer}; the admin key names the account in {@code X-Switchboard-Account}), or a signature
 * {@code sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} with the timestamp in {@code X-Switchboard-Timestamp}, made
 * with a shared secret configured for that account and path. A signed call is accepted from its headers only
 * provisionally (a secret covers it, its timestamp is within the tolerance); its signature is checked once the body is
 * read ({@link Result#withBody}).
 */
final class WebhookAuthentication {

    private static final String SIGNATURE_PREFIX = "sha256=";
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");

    /** How signed calls are checked. */
    record SignaturePolicy(Duration tolerance, boolean acceptUntimed) {
    }

    /** The answer: an account (final, or pending the body's signature), or the status and reason of a refusal. */
    record Result(String account, int status, String reason, PendingSignature pending) {
        static Result accepted(String account) {
            return new Result(account, 0, null, null);
        }

        static Result refused(int status, String reason) {
            return new Result(null, status, reason, null);
        }

        boolean accepted() {
            return account != null;
        }

        /** The final answer once the body was read: a signed call's signature is checked against the body. */
        Result withBody(byte[] body) {
            return pending == null ? this : pending.verify(account, body);
        }
    }

    /** What a signed call's body must match: the HMAC of {@code prefix + body} with one of the secrets. */
    record PendingSignature(List<SigningSecret> secrets, byte[] prefix, byte[] presented) {
        Result verify(String account, byte[] body) {
            boolean valid = false;
            for (SigningSecret secret : secrets) {
                // Every covering secret is compared, so a rotated secret and its successor both work.
                valid |= MessageDigest.isEqual(hmac(secret.secret(), prefix, body).getBytes(StandardCharsets.US_ASCII), presented);
            }
            return valid ? Result.accepted(account) : Result.refused(401, "Wrong signature for account '" + account + "'");
        }
    }

    private final Authenticator authenticator;
    private final List<SigningSecret> secrets;
    private final SignaturePolicy policy;
    private final Clock clock;

    WebhookAuthentication(Authenticator authenticator, List<SigningSecret> secrets, SignaturePolicy policy, Clock clock) {
        this.authenticator = authenticator;
        this.secrets = List.copyOf(secrets);
        this.policy = policy;
        this.clock = clock;
    }

    Result authenticate(String path, String authorization, String namedAccount, String signature, String timestamp) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return byKey(authorization.substring(7).trim(), namedAccount);
        }
        if (signature != null) {
            return bySignature(path, namedAccount, signature.trim(), timestamp);
        }
        return Result.refused(401, "Send an account API key (Authorization: Bearer <key>) or a signed call (X-Switchboard-Account, "
                + "X-Switchboard-Timestamp and the signature of '<timestamp>.<body>')");
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

    private Result bySignature(String path, String namedAccount, String signature, String timestamp) {
        if (namedAccount == null || namedAccount.isBlank()) {
            return Result.refused(401, "A signed call names its account in the header X-Switchboard-Account");
        }
        if (!signature.startsWith(SIGNATURE_PREFIX) || !HEX_SHA256.matcher(signature.substring(SIGNATURE_PREFIX.length())).matches()) {
            return Result.refused(401, "The signature is 'sha256=<64 hex digits of the HMAC-SHA256 of \"<timestamp>.<body>\">'");
        }
        List<SigningSecret> covering = secrets.stream().filter(secret -> secret.covers(namedAccount, path)).toList();
        if (covering.isEmpty()) {
            // Answered like a wrong signature: a caller learns nothing about which accounts have secrets.
            return Result.refused(401, "Wrong signature for account '" + namedAccount + "'");
        }
        byte[] presented = signature.substring(SIGNATURE_PREFIX.length()).toLowerCase(Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII);
        if (timestamp == null) {
            return policy.acceptUntimed()
                    ? new Result(namedAccount, 0, null, new PendingSignature(covering, new byte[0], presented))
                    : Result.refused(401, "A signed call carries X-Switchboard-Timestamp (Unix seconds) and signs "
                            + "'<timestamp>.<body>'; signatures of the body alone are not accepted");
        }
        if (!UNIX_SECONDS.matcher(timestamp.trim()).matches()) {
            return Result.refused(401, "X-Switchboard-Timestamp is the signing time in Unix seconds, not '" + abbreviate(timestamp) + "'");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp.trim()));
        if (skew > policy.tolerance().toSeconds()) {
            return Result.refused(401, "The call was signed " + skew + " s away from the server's time, more than the tolerance of "
                    + policy.tolerance().toSeconds() + " s: sign each call when it is sent (and keep the sender's clock right)");
        }
        byte[] prefix = (timestamp.trim() + ".").getBytes(StandardCharsets.US_ASCII);
        return new Result(namedAccount, 0, null, new PendingSignature(covering, prefix, presented));
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }

    /** Lower-case hex HMAC-SHA256 of the prefix followed by the body. */
    static String hmac(byte[] secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(prefix);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK; this JVM lacks it", e);
        }
    }
}
