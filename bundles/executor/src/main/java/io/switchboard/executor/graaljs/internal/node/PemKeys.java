package io.switchboard.executor.graaljs.internal.node;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;

/** PEM key material for the host side (MTLSClient): private keys as the crypto bridge reads them, certificate chains. */
public final class PemKeys {
    private PemKeys() {
    }

    /** A PKCS#8, PKCS#1 or SEC1 private key in PEM. */
    public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        KeyMaterial.Described key = KeyMaterial.read("private", "pem", "", pem);
        if (!(key.key() instanceof PrivateKey privateKey)) {
            throw new GeneralSecurityException("the key is not a private key");
        }
        return privateKey;
    }

    /** The certificates of a PEM bundle, in order. */
    public static List<Certificate> certificates(String pem) throws GeneralSecurityException {
        List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no PEM certificate found");
        }
        return chain;
    }
}
