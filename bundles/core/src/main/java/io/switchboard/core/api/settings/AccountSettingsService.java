package io.switchboard.core.api.settings;

import org.osgi.annotation.versioning.ProviderType;

/** Reads and replaces an account's {@link AccountSettings}; executors read them on every outbound request. */
@ProviderType
public interface AccountSettingsService {

    /** The account's settings; {@link AccountSettings#DEFAULTS} when none were stored. May be a few seconds old. */
    AccountSettings get(String account);

    /**
     * Validates and stores the account's settings, replacing all of them.
     *
     * @throws io.switchboard.core.api.function.ValidationException naming every invalid field
     */
    AccountSettings put(String account, AccountSettings settings);
}
