package io.switchboard.executor.graaljs.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** OpenSSL's traditional key formats read as Node reads them, and described as Node's KeyObject. */
class KeyMaterialTest {

    @Test
    void aPkcs1RsaKeyIsReadAndItsPublicHalfDerived() throws Exception {
        KeyPair pair = generate("RSA", null);
        byte[] pkcs1 = Der.single(pair.getPrivate().getEncoded()).children().get(2).value();

        KeyMaterial.Described key = KeyMaterial.read("private", "pem", "", pem("RSA PRIVATE KEY", pkcs1));
        KeyMaterial.Described publicKey = KeyMaterial.read("public", "pem", "", pem("RSA PRIVATE KEY", pkcs1));

        assertThat(key.der()).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(publicKey.der()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(KeyMaterial.describe(publicKey)).contains("\"type\":\"public\",\"asymmetricKeyType\":\"rsa\"")
                .contains("\"modulusLength\":2048,\"publicExponent\":65537");
    }

    @Test
    void aSec1EcKeyIsReadWithItsCurveAndPublicPoint() throws Exception {
        KeyPair pair = generate("EC", "secp256r1");
        byte[] sec1 = openSslSec1(pair);

        KeyMaterial.Described publicKey = KeyMaterial.read("public", "pem", "", pem("EC PRIVATE KEY", sec1));

        assertThat(publicKey.der()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(KeyMaterial.describe(publicKey)).contains("\"asymmetricKeyType\":\"ec\"").contains("\"namedCurve\":\"prime256v1\"");
    }

    @Test
    void aCertificateGivesItsPublicKeyButNoPrivateKey() {
        assertThatThrownBy(() -> KeyMaterial.read("private", "pem", "", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("no private key");
    }

    @Test
    void textThatIsNoKeyAndEncryptedKeysAreRefusedAsNodeRefusesThem() {
        assertThatThrownBy(() -> KeyMaterial.read("private", "pem", "", "just a shared secret"))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("not PEM");
        assertThatThrownBy(() -> KeyMaterial.read("private", "pem", "", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("encrypted");
    }

    @Test
    void theBridgeAnswersErrorsAsJsonInsteadOfThrowing() {
        CryptoBridge bridge = new CryptoBridge();

        assertThat(bridge.importKey("private", "pem", "", "nope")).startsWith("{\"error\":\"Invalid private key: ");
        assertThat(bridge.sign("sha256", "AAAA", "{}", "")).startsWith("{\"error\":\"Signing failed: ");
        assertThat(Base64.getDecoder().decode(bridge.randomBytes(32))).hasSize(32);
    }

    /** SEC1 as OpenSSL writes it: with the curve [0] and the public point [1] (Java's own encoding has neither). */
    private static byte[] openSslSec1(KeyPair pair) {
        ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
        ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
        byte[] point = new byte[66];
        point[1] = 0x04;
        System.arraycopy(fixed(w.getAffineX().toByteArray()), 0, point, 2, 32);
        System.arraycopy(fixed(w.getAffineY().toByteArray()), 0, point, 34, 32);
        byte[] prime256v1 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {1}), Der.encode(Der.OCTET_STRING, fixed(privateKey.getS().toByteArray())),
                Der.encode(0xa0, Der.encode(Der.OID, prime256v1)), Der.encode(0xa1, Der.encode(Der.BIT_STRING, point)));
    }

    private static byte[] fixed(byte[] value) {
        byte[] out = new byte[32];
        int length = Math.min(32, value.length);
        System.arraycopy(value, value.length - length, out, 32 - length, length);
        return out;
    }

    private static KeyPair generate(String algorithm, String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (curve != null) {
            generator.initialize(new ECGenParameterSpec(curve));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
