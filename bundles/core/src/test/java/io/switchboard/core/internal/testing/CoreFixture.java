package io.switchboard.core.internal.testing;

import java.util.List;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.internal.bot.BotServiceImpl;
import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.event.EventCatalogImpl;
import io.switchboard.core.internal.event.LimitAuditor;
import io.switchboard.core.internal.function.DeployedFunctionsImpl;
import io.switchboard.core.internal.function.FunctionServiceImpl;
import io.switchboard.core.internal.quota.AccountQuotas;

/** The core's persistence, catalogue and function service wired as SCR would wire them. */
public final class CoreFixture implements AutoCloseable {

    public final JdbcDatabase database;
    public final EventCatalogImpl catalog;
    public final FunctionServiceImpl functions;
    public final DeployedFunctionsImpl deployedFunctions;
    public final BotServiceImpl bots;
    public final AccountQuotas quotas;

    public CoreFixture(JdbcDatabase database, EventTypeDefinition... events) {
        this(database, new Object[0], events);
    }

    /** @param quotas overrides of {@link AccountQuotas.Config}: method name, value, ... */
    public CoreFixture(JdbcDatabase database, Object[] quotas, EventTypeDefinition... events) {
        this.database = database;
        this.catalog = new EventCatalogImpl(new LimitAuditor(database), TestConfigs.config(EventCatalogImpl.Config.class));
        for (EventTypeDefinition event : events) {
            TestEvents.register(catalog, event);
        }
        this.deployedFunctions = new DeployedFunctionsImpl(database, TestConfigs.config(FunctionServiceImpl.Config.class));
        this.quotas = new AccountQuotas(TestConfigs.config(AccountQuotas.Config.class, quotas));
        this.functions = new FunctionServiceImpl(database, catalog, deployedFunctions, this.quotas,
                TestConfigs.config(FunctionServiceImpl.Config.class));
        this.bots = new BotServiceImpl(database, catalog, deployedFunctions, TestConfigs.config(FunctionServiceImpl.Config.class));
    }

    public CoreFixture(EventTypeDefinition... events) {
        this(TestDatabase.inMemory(), events);
    }

    public static FunctionSpec spec(String name, String eventType, String... skills) {
        return new FunctionSpec(name, "", "async function lambda(input) { return input.payload; }", eventType, List.of(skills),
                null, null, null, null, null);
    }

    /** Creates and deploys a function with its own code (a {@link ScriptedExecutor} can tell functions apart by it). */
    public FunctionInfo deployedWithCode(String account, String name, String eventType, String code, String... skills) {
        FunctionInfo created = functions.create(account, new FunctionSpec(name, "", code, eventType, List.of(skills), null, null, null, null, null));
        return functions.deploy(account, created.id());
    }

    /** Creates and deploys a function. */
    public FunctionInfo deployed(String account, String name, String eventType, String... skills) {
        FunctionInfo created = functions.create(account, spec(name, eventType, skills));
        return functions.deploy(account, created.id());
    }

    @Override
    public void close() {
        database.close();
    }
}
