package io.switchboard.executor.graaljs.internal.modules;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a request signing with HMAC-SHA1 (RFC 5849 section 3.4), as LivePerson's APIs take it from an app key: the
 * {@code Authorization} header for one request. The query and a form body are signed; a JSON body is not (RFC 5849).
 */
final class OAuth1Signer {
    /** An app key's credentials (LivePerson's secret {@code lp-faas-default-app-key}). */
    record Credentials(String consumerKey, String consumerSecret, String token, String tokenSecret) {
    }

    private OAuth1Signer() {
    }

    static String authorization(Credentials credentials, String method, URI uri, String formBody, String nonce, long timestampSeconds) {
        Map<String, String> oauth = new TreeMap<>();
        oauth.put("oauth_consumer_key", credentials.consumerKey());
        oauth.put("oauth_nonce", nonce);
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", Long.toString(timestampSeconds));
        if (credentials.token() != null && !credentials.token().isEmpty()) {
            oauth.put("oauth_token", credentials.token());
        }
        oauth.put("oauth_version", "1.0");
        List<String[]> parameters = new ArrayList<>();
        oauth.forEach((name, value) -> parameters.add(new String[] {encode(name), encode(value)}));
        addForm(parameters, uri.getRawQuery());
        addForm(parameters, formBody);
        parameters.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder normalised = new StringBuilder();
        for (String[] parameter : parameters) {
            normalised.append(normalised.length() == 0 ? "" : "&").append(parameter[0]).append('=').append(parameter[1]);
        }
        String base = method.toUpperCase(Locale.ROOT) + '&' + encode(baseUri(uri)) + '&' + encode(normalised.toString());
        String key = encode(credentials.consumerSecret()) + '&' + encode(credentials.tokenSecret() == null ? "" : credentials.tokenSecret());
        oauth.put("oauth_signature", hmacSha1(key, base));
        StringBuilder header = new StringBuilder("OAuth ");
        oauth.forEach((name, value) -> header.append(header.length() > 6 ? ", " : "").append(encode(name)).append("=\"")
                .append(encode(value)).append('"'));
        return header.toString();
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static void addForm(List<String[]> parameters, String form) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String baseUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    private static String hmacSha1(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }
}
