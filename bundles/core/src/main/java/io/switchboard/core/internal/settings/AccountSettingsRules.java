package io.switchboard.core.internal.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.api.settings.AccountSettings;

/** What valid account settings are; every invalid field is named at once. */
final class AccountSettingsRules {
    /** A host name, or one leading wildcard label ({@code *.example.com}): LivePerson allows one wildcard per entry. */
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private final int maxAllowedDomains;
    private final int maxRequestsPerSecond;

    AccountSettingsRules(int maxAllowedDomains, int maxRequestsPerSecond) {
        this.maxAllowedDomains = maxAllowedDomains;
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    /** The settings with domains lower-cased and trimmed. */
    AccountSettings validate(AccountSettings settings) {
        List<FieldError> errors = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        if (settings.allowedDomains().size() > maxAllowedDomains) {
            errors.add(new FieldError("/allowedDomains", "has " + settings.allowedDomains().size() + " entries, at most "
                    + maxAllowedDomains + " are allowed"));
        }
        for (int i = 0; i < settings.allowedDomains().size(); i++) {
            String entry = settings.allowedDomains().get(i);
            String domain = entry == null ? "" : entry.trim().toLowerCase(Locale.ROOT);
            if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
                errors.add(new FieldError("/allowedDomains/" + i, "'" + entry + "' is not a host name or '*.' followed by one "
                        + "(one wildcard per entry, at the start)"));
            }
            domains.add(domain);
        }
        String url = settings.lpDiscoveryBaseUrl().trim();
        if (!url.isEmpty() && !isBaseUrl(url)) {
            errors.add(new FieldError("/lpDiscoveryBaseUrl", "must be an absolute http or https URL without query, e.g. "
                    + "https://api.liveperson.net, or empty"));
        }
        int rate = settings.httpRequestsPerSecond();
        if (rate < 1 || rate > maxRequestsPerSecond) {
            errors.add(new FieldError("/httpRequestsPerSecond", "must be 1-" + maxRequestsPerSecond + ", was " + rate));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid account settings", errors);
        }
        return new AccountSettings(domains, url.endsWith("/") ? url.substring(0, url.length() - 1) : url, rate);
    }

    private static boolean isBaseUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
