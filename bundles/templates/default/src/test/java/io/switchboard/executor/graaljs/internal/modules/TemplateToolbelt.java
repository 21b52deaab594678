package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.settings.AccountSettings;
import io.switchboard.core.api.settings.AccountSettingsService;
import io.switchboard.core.api.store.SecretStore;
import io.switchboard.core.internal.egress.EgressPolicyImpl;
import io.switchboard.executor.graaljs.internal.TestConfigs;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.util.Map;

/**
 * The executor's own toolbelt modules, set up as DS would, for running templates in tests: HTTPClient and LpClient are
 * admitted to loopback (the templates' tests call stub servers there, as an operator may admit it) and read the
 * account settings the test puts into {@link #SETTINGS}.
 */
public final class TemplateToolbelt {
    private static final HttpClientModule.Config HTTP = TestConfigs.of(HttpClientModule.Config.class, Map.of());
    private static final EgressPolicyImpl LOOPBACK = EgressPolicyImpl.admitting("127.0.0.0/8");

    private TemplateToolbelt() {
    }

    /** The account settings the outbound modules see (e.g. lpDiscoveryBaseUrl); an absent account has the defaults. */
    public static AccountSettingsService settings(Map<String, AccountSettings> settings) {
        return new AccountSettingsService() {
            @Override
            public AccountSettings get(String account) {
                return settings.getOrDefault(account, AccountSettings.DEFAULTS);
            }

            @Override
            public AccountSettings put(String account, AccountSettings value) {
                settings.put(account, value);
                return value;
            }
        };
    }

    public static AccountOutbound outbound(AccountSettingsService settings) {
        AccountOutbound outbound = new AccountOutbound();
        outbound.settings = settings;
        return outbound;
    }

    public static ToolbeltModule httpClient(AccountOutbound outbound) {
        return new HttpClientModule(HTTP, LOOPBACK, outbound);
    }

    /** LpClient: discovery at the account's lpDiscoveryBaseUrl, requests signed with the app key from the secret store. */
    public static ToolbeltModule lpClient(AccountOutbound outbound, SecretStore store) {
        LpClientModule module = new LpClientModule(HTTP, LOOPBACK, outbound);
        module.secrets = store;
        return module;
    }

    public static ToolbeltModule conversationUtil() {
        return new ConversationUtilModule();
    }

    public static ToolbeltModule gdprUtil() {
        return new GdprUtilModule();
    }

    public static ToolbeltModule secretClient(SecretStore store) {
        SecretClientModule module = new SecretClientModule();
        module.store = store;
        return module;
    }
}
