package io.switchboard.executor.graaljs.internal.modules;

import java.util.List;
import java.util.Locale;

/**
 * Whether a host is among a function's allowed domains: an entry is an exact host name ({@code api.example.com})
 * or a wildcard for its subdomains ({@code *.example.com}, which does not match {@code example.com} itself).
 */
final class DomainAllowList {
    private DomainAllowList() {
    }

    static boolean allows(List<String> allowedDomains, String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String candidate = normalise(host);
        for (String entry : allowedDomains) {
            String allowed = normalise(entry.trim());
            if (allowed.startsWith("*.")) {
                if (candidate.endsWith(allowed.substring(1)) && candidate.length() > allowed.length() - 1) {
                    return true;
                }
            } else if (candidate.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
