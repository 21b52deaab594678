package io.switchboard.executor.graaljs.internal;

import java.util.Map;

/** The little JSON writing the executor needs on the host side; parsing happens inside the sandbox. */
final class Json {
    private Json() {
    }

    static String object(Map<String, String> values) {
        StringBuilder json = new StringBuilder("{");
        values.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(key, json);
            json.append(':');
            quote(value, json);
        });
        return json.append('}').toString();
    }

    static String quote(String text) {
        return quote(text, new StringBuilder()).toString();
    }

    static StringBuilder quote(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
