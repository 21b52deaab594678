package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.cli.local.Defaults;
import io.switchboard.core.api.egress.EgressPolicy;
import io.switchboard.core.api.settings.AccountSettings;
import io.switchboard.core.api.settings.AccountSettingsService;
import io.switchboard.core.api.store.ContextStore;
import io.switchboard.core.api.store.SecretStore;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The executor's toolbelt modules wired as Declarative Services wires them in the distribution, for a local run without
 * OSGi: the same classes and configuration defaults, with the local secret and context stores and the account settings
 * of {@code settings.json}. It lives in the modules' package (on the CLI's plain class path, not in a bundle) because the
 * modules take their optional references in package-private fields, as DS field injection does; the executor's code is
 * not changed for it. The orchestrator has no local function calls: it answers that calls are unavailable.
 */
public final class LocalToolbelt implements AutoCloseable {
    private final Map<String, ToolbeltModule> modules = new LinkedHashMap<>();
    private final HttpClientModule http;
    private final LpClientModule lp;
    private final MtlsClientModule mtls;
    private final OrchestratorClientModule orchestrator;
    private final CsdsClientModule csds;
    private final LpMtlsClientModule lpMtls;

    public LocalToolbelt(SecretStore secrets, ContextStore contexts, List<String> accountAllowList, EgressPolicy egress) {
        HttpClientModule.Config httpConfig = Defaults.of(HttpClientModule.Config.class, Map.of());
        AccountOutbound outbound = new AccountOutbound();
        AccountSettings settings = new AccountSettings(accountAllowList, "", AccountSettings.DEFAULT_HTTP_REQUESTS_PER_SECOND);
        outbound.settings = new AccountSettingsService() {
            @Override
            public AccountSettings get(String account) {
                return settings;
            }

            @Override
            public AccountSettings put(String account, AccountSettings changed) {
                throw new UnsupportedOperationException("local runs read their settings from functions/settings.json");
            }
        };
        this.http = new HttpClientModule(httpConfig, egress, outbound);
        this.lp = new LpClientModule(httpConfig, egress, outbound);
        lp.secrets = secrets;
        this.mtls = new MtlsClientModule(httpConfig, egress, outbound);
        this.csds = new CsdsClientModule(httpConfig, egress, outbound);
        this.lpMtls = new LpMtlsClientModule(httpConfig, egress, outbound);
        lpMtls.secrets = secrets;
        this.orchestrator = new OrchestratorClientModule(Defaults.of(OrchestratorClientModule.Config.class, Map.of()));
        SecretClientModule secretClient = new SecretClientModule();
        secretClient.store = secrets;
        ContextClientModule context = new ContextClientModule();
        context.store = contexts;
        modules.put("HTTPClient", http);
        modules.put("LpClient", lp);
        modules.put("MTLSClient", mtls);
        modules.put("CsdsClient", csds);
        modules.put("LPMtlsClient", lpMtls);
        modules.put("OrchestratorClient", orchestrator);
        modules.put("SecretClient", secretClient);
        modules.put("ContextServiceClient", context);
        modules.put("ConversationUtil", new ConversationUtilModule());
        modules.put("GDPRUtil", new GdprUtilModule());
        modules.put("SDEUtil", new SdeUtilModule());
        modules.put("SFClient", new SfClientModule());
    }

    /** The modules by the name functions see them under ({@code Toolbelt.<name>()}). */
    public Map<String, ToolbeltModule> modules() {
        return modules;
    }

    @Override
    public void close() {
        http.deactivate();
        lp.deactivate();
        mtls.deactivate();
        csds.deactivate();
        lpMtls.deactivate();
        orchestrator.deactivate();
    }
}
