package io.switchboard.executor.graaljs.internal.node;

import io.switchboard.executor.graaljs.internal.json.JsonText;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host side of the sandbox's {@code require('crypto')}: synchronous, and only base64 or JSON text crosses
 * (javax.crypto and java.security do the work). Failures come back as {@code {"error": ...}} so the JavaScript
 * side can throw a proper {@code Error}; nothing here throws into the guest.
 */
public final class CryptoBridge {
    private static final Map<String, String> DIGESTS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224",
            "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");
    private static final int RSA_PKCS1_PSS_PADDING = 6;
    private static final int SALT_LENGTH_DIGEST = -1;
    private static final int SALT_LENGTH_MAX = -2;
    /** Largest randomBytes request; Node's limit is 2^31-1, a function needs far less. */
    private static final int MAX_RANDOM_BYTES = 1 << 20;

    private final SecureRandom random = new SecureRandom();

    public String digest(String hash, String dataBase64) throws GeneralSecurityException {
        return encode(MessageDigest.getInstance(javaDigest(hash)).digest(decode(dataBase64)));
    }

    public String hmac(String hash, String keyBase64, String dataBase64) throws GeneralSecurityException {
        String algorithm = "Hmac" + javaDigest(hash).replace("-", "");
        byte[] key = decode(keyBase64);
        // HMAC pads a short key with zeros, so an empty key equals one zero byte; SecretKeySpec refuses empty keys.
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
        return encode(mac.doFinal(decode(dataBase64)));
    }

    public String randomBytes(int count) {
        byte[] bytes = new byte[Math.max(0, Math.min(count, MAX_RANDOM_BYTES))];
        random.nextBytes(bytes);
        return encode(bytes);
    }

    public String randomUUID() {
        return UUID.randomUUID().toString();
    }

    /** A key as {@code {type, asymmetricKeyType, der, details}}, or {@code {error}}. */
    public String importKey(String kind, String format, String type, String text) {
        try {
            return KeyMaterial.describe(KeyMaterial.read(kind, format, type, text));
        } catch (GeneralSecurityException | RuntimeException e) {
            return error("Invalid " + kind + " key: " + message(e));
        }
    }

    /** The public half of a private key given as PKCS#8 DER (base64). */
    public String publicOf(String pkcs8Base64) {
        try {
            return KeyMaterial.describe(KeyMaterial.publicOf(KeyMaterial.privateKey(decode(pkcs8Base64))));
        } catch (GeneralSecurityException | RuntimeException e) {
            return error(message(e));
        }
    }

    /** {@code {signature}} (base64) or {@code {error}}. */
    public String sign(String hash, String pkcs8Base64, String optionsJson, String dataBase64) {
        try {
            KeyMaterial.Described key = KeyMaterial.privateKey(decode(pkcs8Base64));
            Signature signature = signature(hash, key, optionsJson);
            signature.initSign((PrivateKey) key.key(), random);
            signature.update(decode(dataBase64));
            return "{\"signature\":\"" + encode(signature.sign()) + "\"}";
        } catch (GeneralSecurityException | RuntimeException e) {
            return error("Signing failed: " + message(e));
        }
    }

    /** {@code {valid}} or {@code {error}}; a malformed signature is not valid, as in Node. */
    public String verify(String hash, String spkiBase64, String optionsJson, String dataBase64, String signatureBase64) {
        try {
            KeyMaterial.Described key = KeyMaterial.publicKey(decode(spkiBase64));
            Signature signature = signature(hash, key, optionsJson);
            signature.initVerify((PublicKey) key.key());
            signature.update(decode(dataBase64));
            boolean valid;
            try {
                valid = signature.verify(decode(signatureBase64));
            } catch (SignatureException malformed) {
                valid = false;
            }
            return "{\"valid\":" + valid + "}";
        } catch (GeneralSecurityException | RuntimeException e) {
            return error("Verifying failed: " + message(e));
        }
    }

    private static Signature signature(String hash, KeyMaterial.Described key, String optionsJson) throws GeneralSecurityException {
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) JsonText.parse(optionsJson);
        String digest = javaDigest(hash);
        String shortName = digest.replace("-", "");
        return switch (key.algorithm()) {
            case "EC" -> Signature.getInstance(shortName + "withECDSA"
                    + ("ieee-p1363".equals(options.get("dsaEncoding")) ? "inP1363Format" : ""));
            case "Ed25519" -> Signature.getInstance("Ed25519");
            default -> number(options.get("padding")) == RSA_PKCS1_PSS_PADDING || "RSASSA-PSS".equals(key.algorithm())
                    ? pss(digest, (RSAKey) key.key(), number(options.get("saltLength")))
                    : Signature.getInstance(shortName + "withRSA");
        };
    }

    private static Signature pss(String digest, RSAKey key, int saltLength) throws GeneralSecurityException {
        int digestLength = MessageDigest.getInstance(digest).getDigestLength();
        int salt = switch (saltLength) {
            case SALT_LENGTH_DIGEST -> digestLength;
            case SALT_LENGTH_MAX -> (key.getModulus().bitLength() + 6) / 8 - digestLength - 2;
            default -> saltLength;
        };
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), salt, 1));
        return signature;
    }

    private static String javaDigest(String hash) throws GeneralSecurityException {
        String digest = DIGESTS.get(hash);
        if (digest == null) {
            throw new GeneralSecurityException("Digest method not supported: " + hash);
        }
        return digest;
    }

    private static int number(Object value) {
        return value instanceof Number number ? number.intValue() : 0;
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String error(String message) {
        return "{\"error\":" + JsonText.quote(message) + "}";
    }

    private static String message(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
