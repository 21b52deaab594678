package io.switchboard.core.internal.security;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.security.Caller;

/**
 * The keys of the configuration by digest: the admin key (or its {@code sha256:} digest) and {@code account=key} entries.
 * A key written in plain text is accepted with a warning: the configuration is copied into ConfigAdmin's store under
 * {@code data/config}, so {@code sha256:<hex>} keeps the key itself out of every file.
 */
record ConfiguredKeys(Map<String, Caller> byDigest, Map<String, Integer> perAccount) {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredKeys.class);
    private static final int SHORT_KEY = 16;

    ConfiguredKeys {
        byDigest = Map.copyOf(byDigest);
        perAccount = Map.copyOf(perAccount);
    }

    /** @param adminKey the admin key in force (environment or configuration), may be empty */
    static ConfiguredKeys of(String adminKey, String[] accountKeys, boolean adminKeyFromConfiguration) {
        Map<String, Caller> byDigest = new HashMap<>();
        Map<String, Integer> perAccount = new TreeMap<>();
        if (!adminKey.isEmpty()) {
            check("the admin key", adminKey, adminKeyFromConfiguration);
            byDigest.put(KeyDigest.ofConfigured(adminKey), new Caller(null, true));
        }
        for (String entry : accountKeys) {
            int eq = entry.indexOf('=');
            String account = eq < 0 ? "" : entry.substring(0, eq).strip();
            String key = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (account.isEmpty() || key.isEmpty()) {
                LOG.error("Ignoring an entry of {} accountKeys: expected account=key or account=sha256:<hex>", ApiKeyAuthenticator.PID);
                continue;
            }
            check("the key of account " + account, key, true);
            byDigest.put(KeyDigest.ofConfigured(key), new Caller(account, false));
            perAccount.merge(account, 1, Integer::sum);
        }
        return new ConfiguredKeys(byDigest, perAccount);
    }

    private static void check(String what, String key, boolean inConfiguration) {
        if (KeyDigest.hashed(key).isPresent()) {
            return;
        }
        if (key.length() < SHORT_KEY) {
            LOG.warn("{} is shorter than {} characters; use a long random key", what, SHORT_KEY);
        }
        if (inConfiguration) {
            LOG.warn("{} is in plain text in the configuration ({}), which is also stored under data/config; write it as "
                    + "sha256:<hex of its SHA-256> instead (e.g. printf %s \"$KEY\" | sha256sum)", what, ApiKeyAuthenticator.PID);
        }
    }
}
