package io.switchboard.executor.graaljs.internal.node;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few DER structures needed to turn OpenSSL's traditional key formats (PKCS#1, SEC1) into the PKCS#8 and
 * X.509 forms Java's {@code KeyFactory} reads. Not a general ASN.1 codec.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** rsaEncryption, 1.2.840.113549.1.1.1 */
    static final byte[] RSA_ENCRYPTION = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1 */
    static final byte[] EC_PUBLIC_KEY = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    /** One TLV: its tag and the bytes of its value. */
    record Element(int tag, byte[] value) {
        /** The elements inside a constructed value (SEQUENCE, or a context tag such as [0]). */
        List<Element> children() {
            return Der.read(value);
        }
    }

    private Der() {
    }

    /** The TLVs one after the other in {@code bytes}. */
    static List<Element> read(byte[] bytes) {
        List<Element> elements = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int tag = bytes[at++] & 0xff;
            if (at >= bytes.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            int length = bytes[at++] & 0xff;
            if (length > 0x80) {
                int count = length & 0x7f;
                if (count > 3) {
                    throw new IllegalArgumentException("DER element too long");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (bytes[at++] & 0xff);
                }
            } else if (length == 0x80) {
                throw new IllegalArgumentException("indefinite DER length");
            }
            if (at + length > bytes.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            elements.add(new Element(tag, Arrays.copyOfRange(bytes, at, at + length)));
            at += length;
        }
        return elements;
    }

    /** The single TLV {@code bytes} holds. */
    static Element single(byte[] bytes) {
        List<Element> elements = read(bytes);
        if (elements.size() != 1) {
            throw new IllegalArgumentException("expected one DER element, found " + elements.size());
        }
        return elements.get(0);
    }

    static byte[] encode(int tag, byte[]... parts) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            value.writeBytes(part);
        }
        byte[] content = value.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** PKCS#8 PrivateKeyInfo around a traditional private key. */
    static byte[] privateKeyInfo(byte[] algorithm, byte[] parameters, byte[] privateKey) {
        return encode(SEQUENCE, encode(INTEGER, new byte[] {0}), encode(SEQUENCE, encode(OID, algorithm), parameters),
                encode(OCTET_STRING, privateKey));
    }

    /** X.509 SubjectPublicKeyInfo around a traditional public key. */
    static byte[] subjectPublicKeyInfo(byte[] algorithm, byte[] parameters, byte[] publicKey) {
        byte[] bits = new byte[publicKey.length + 1];
        System.arraycopy(publicKey, 0, bits, 1, publicKey.length);
        return encode(SEQUENCE, encode(SEQUENCE, encode(OID, algorithm), parameters), encode(BIT_STRING, bits));
    }

    static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }
}
