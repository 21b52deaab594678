package io.switchboard.core.internal.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM encryption of secret values. Each value gets a fresh 96-bit nonce; the account and name are
 * authenticated as associated data, so a cipher text copied to another row does not decrypt.
 * Stored form: {@code v1:<base64(nonce || cipher text || tag)>}.
 */
final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("The secrets key must be 16, 24 or 32 bytes (base64 of an AES key); it has " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    String encrypt(String account, String name, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, account, name);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] stored = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt secret " + name + " of account " + account, e);
        }
    }

    String decrypt(String account, String name, String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("Secret " + name + " of account " + account + " is stored in an unknown format");
        }
        byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), account, name);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt secret " + name + " of account " + account
                    + ": it was encrypted with another key (was the secrets key in etc/ changed?)", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String account, String name) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((account + '\u0000' + name).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
