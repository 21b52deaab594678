package io.switchboard.executor.graaljs.internal.node;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads keys the way Node's {@code createPrivateKey}/{@code createPublicKey} do for PEM and DER input (PKCS#8,
 * PKCS#1, SEC1, X.509 SubjectPublicKeyInfo and certificates) and describes them as Node's {@code KeyObject}
 * does: type, {@code asymmetricKeyType} and {@code asymmetricKeyDetails}. Keys are kept as PKCS#8 or SPKI DER.
 */
final class KeyMaterial {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Map<String, String> ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "RSA", "1.2.840.113549.1.1.10", "RSASSA-PSS", "1.2.840.10045.2.1", "EC", "1.3.101.112", "Ed25519");
    private static final List<String> CURVES = List.of("secp256r1", "secp384r1", "secp521r1");
    private static final Map<String, String> NODE_CURVE_NAMES = Map.of(
            "secp256r1", "prime256v1", "secp384r1", "secp384r1", "secp521r1", "secp521r1");

    /** A key as the sandbox keeps it: Node's type, the Java algorithm, and PKCS#8 (private) or SPKI (public) DER. */
    record Described(String type, String algorithm, byte[] der, Key key) {
    }

    private KeyMaterial() {
    }

    /** Reads a private ({@code kind} "private") or public key; a private key's public half for "public". */
    static Described read(String kind, String format, String type, String text) throws GeneralSecurityException {
        if ("der".equals(format)) {
            return fromDer(kind, type, Base64.getDecoder().decode(text));
        }
        Matcher pem = PEM.matcher(text);
        if (!pem.find()) {
            throw new GeneralSecurityException("the key is not PEM (-----BEGIN ...-----)");
        }
        String label = pem.group(1);
        String body = pem.group(2);
        if (body.contains("Proc-Type") || label.startsWith("ENCRYPTED")) {
            throw new GeneralSecurityException("encrypted private keys are not supported; decrypt the key first");
        }
        byte[] der = Base64.getMimeDecoder().decode(body.strip());
        return switch (label) {
            case "PRIVATE KEY" -> fromDer(kind, "pkcs8", der);
            case "RSA PRIVATE KEY" -> fromDer(kind, "pkcs1", der);
            case "EC PRIVATE KEY" -> fromDer(kind, "sec1", der);
            case "PUBLIC KEY" -> fromDer(kind, "spki", der);
            case "RSA PUBLIC KEY" -> fromDer(kind, "pkcs1-public", der);
            case "CERTIFICATE" -> certificate(kind, der);
            default -> throw new GeneralSecurityException("unsupported PEM block " + label);
        };
    }

    private static Described fromDer(String kind, String type, byte[] der) throws GeneralSecurityException {
        Described key = switch (type) {
            case "pkcs1" -> privateKey(Der.privateKeyInfo(Der.RSA_ENCRYPTION, Der.nullValue(), der));
            case "sec1" -> privateKey(sec1ToPkcs8(der));
            case "spki", "" -> "private".equals(kind) && type.isEmpty() ? privateKey(der) : publicKey(der);
            case "pkcs1-public" -> publicKey(Der.subjectPublicKeyInfo(Der.RSA_ENCRYPTION, Der.nullValue(), der));
            default -> privateKey(der);
        };
        if ("private".equals(kind) && !"private".equals(key.type())) {
            throw new GeneralSecurityException("a public key was given where a private key is needed");
        }
        return "public".equals(kind) && "private".equals(key.type()) ? publicOf(key) : key;
    }

    private static Described certificate(String kind, byte[] der) throws GeneralSecurityException {
        if ("private".equals(kind)) {
            throw new GeneralSecurityException("a certificate holds no private key");
        }
        PublicKey key = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        return publicKey(key.getEncoded());
    }

    static Described privateKey(byte[] pkcs8) throws GeneralSecurityException {
        String algorithm = algorithm(Der.single(pkcs8).children().get(1));
        PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return new Described("private", algorithm, pkcs8, key);
    }

    static Described publicKey(byte[] spki) throws GeneralSecurityException {
        String algorithm = algorithm(Der.single(spki).children().get(0));
        PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
        return new Described("public", algorithm, spki, key);
    }

    /** The public half of a private key: RSA from its CRT parameters, EC from the public point SEC1 carries. */
    static Described publicOf(Described key) throws GeneralSecurityException {
        if (key.key() instanceof RSAPrivateCrtKey rsa) {
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return publicKey(publicKey.getEncoded());
        }
        if ("EC".equals(key.algorithm())) {
            List<Der.Element> info = Der.single(key.der()).children();
            byte[] curve = info.get(1).children().get(1).value();
            for (Der.Element part : Der.single(info.get(2).value()).children()) {
                if (part.tag() == 0xa1) {
                    byte[] bits = part.children().get(0).value();
                    return publicKey(Der.subjectPublicKeyInfo(Der.EC_PUBLIC_KEY, Der.encode(Der.OID, curve),
                            Arrays.copyOfRange(bits, 1, bits.length)));
                }
            }
            throw new GeneralSecurityException("this EC private key does not carry its public key; pass the public key");
        }
        throw new GeneralSecurityException("cannot derive the public key of a " + key.algorithm() + " private key; pass the public key");
    }

    /** Node's {@code asymmetricKeyType} and {@code asymmetricKeyDetails} of a key, as JSON members. */
    static String describe(Described key) {
        Map<String, Object> details = new LinkedHashMap<>();
        String nodeType = switch (key.algorithm()) {
            case "RSA" -> "rsa";
            case "RSASSA-PSS" -> "rsa-pss";
            case "EC" -> "ec";
            default -> "ed25519";
        };
        if (key.key() instanceof RSAKey rsa) {
            details.put("modulusLength", rsa.getModulus().bitLength());
            BigInteger exponent = key.key() instanceof RSAPublicKey pub ? pub.getPublicExponent()
                    : key.key() instanceof RSAPrivateCrtKey crt ? crt.getPublicExponent() : null;
            if (exponent != null) {
                details.put("publicExponent", exponent.longValue());
            }
        } else if (key.key() instanceof ECKey ec) {
            details.put("namedCurve", curveName(ec.getParams()));
        }
        StringBuilder json = new StringBuilder("{\"type\":\"").append(key.type()).append("\",\"asymmetricKeyType\":\"")
                .append(nodeType).append("\",\"der\":\"").append(Base64.getEncoder().encodeToString(key.der())).append("\",\"details\":{");
        String separator = "";
        for (Map.Entry<String, Object> detail : details.entrySet()) {
            json.append(separator).append('"').append(detail.getKey()).append("\":");
            json.append(detail.getValue() instanceof String text ? "\"" + text + "\"" : detail.getValue());
            separator = ",";
        }
        return json.append("}}").toString();
    }

    private static String curveName(ECParameterSpec params) {
        for (String name : CURVES) {
            try {
                AlgorithmParameters known = AlgorithmParameters.getInstance("EC");
                known.init(new ECGenParameterSpec(name));
                ECParameterSpec spec = known.getParameterSpec(ECParameterSpec.class);
                if (spec.getOrder().equals(params.getOrder()) && spec.getGenerator().equals(params.getGenerator())) {
                    return NODE_CURVE_NAMES.get(name);
                }
            } catch (GeneralSecurityException e) {
                // this JDK does not know the curve: try the next one
            }
        }
        return "unknown";
    }

    private static String algorithm(Der.Element algorithmIdentifier) throws GeneralSecurityException {
        String oid = oid(algorithmIdentifier.children().get(0).value());
        String algorithm = ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new GeneralSecurityException("unsupported key algorithm " + oid + " (RSA, EC P-256/P-384/P-521 and Ed25519 are)");
        }
        return algorithm;
    }

    private static byte[] sec1ToPkcs8(byte[] sec1) throws GeneralSecurityException {
        for (Der.Element part : Der.single(sec1).children()) {
            if (part.tag() == 0xa0) {
                return Der.privateKeyInfo(Der.EC_PUBLIC_KEY, Der.encode(Der.OID, part.children().get(0).value()), sec1);
            }
        }
        throw new GeneralSecurityException("the EC private key names no curve");
    }

    static String oid(byte[] value) {
        StringBuilder text = new StringBuilder().append(value[0] / 40).append('.').append(value[0] % 40);
        long part = 0;
        for (int i = 1; i < value.length; i++) {
            part = (part << 7) | (value[i] & 0x7f);
            if ((value[i] & 0x80) == 0) {
                text.append('.').append(part);
                part = 0;
            }
        }
        return text.toString();
    }
}
