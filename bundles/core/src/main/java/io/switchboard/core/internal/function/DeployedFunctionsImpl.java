package io.switchboard.core.internal.function;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.core.api.function.FunctionVersion;
import io.switchboard.core.internal.db.Database;

/**
 * The read side dispatch uses: deployed versions by binding, id or name. Shares the functions' configuration
 * (PID {@value FunctionServiceImpl#PID}) for the default timeout.
 */
@Component(service = DeployedFunctions.class, configurationPid = FunctionServiceImpl.PID)
public class DeployedFunctionsImpl implements DeployedFunctions {

    private final Database database;
    private final long defaultTimeoutMs;
    private final FunctionRepository repository = new FunctionRepository();

    @Activate
    public DeployedFunctionsImpl(@Reference Database database, FunctionServiceImpl.Config config) {
        this.database = database;
        this.defaultTimeoutMs = config.defaultTimeoutMs();
    }

    @Override
    public List<DeployedFunction> selectFor(String account, String eventTypeId, String skill) {
        return database.withConnection("select functions for " + eventTypeId, c -> {
            List<DeployedFunction> selected = new ArrayList<>();
            for (Binding binding : repository.bindings(c, account, eventTypeId)) {
                if (binding.covers(skill)) {
                    repository.version(c, binding.functionId(), binding.version()).map(v -> deployedFunction(account, v))
                            .ifPresent(selected::add);
                }
            }
            return selected;
        });
    }

    @Override
    public Optional<DeployedFunction> deployed(String account, String functionRef) {
        return database.withConnection("find function " + functionRef, c -> {
            Optional<FunctionRow> row = repository.find(c, account, functionRef);
            if (row.isEmpty()) {
                row = repository.findByName(c, account, functionRef);
            }
            if (row.isEmpty() || !row.get().deployed()) {
                return Optional.empty();
            }
            return repository.version(c, row.get().id(), row.get().deployedVersion()).map(v -> deployedFunction(account, v));
        });
    }

    @Override
    public Optional<DeployedFunction> stillDeployed(String account, String functionId, int version) {
        return database.withConnection("find function " + functionId, c -> {
            Optional<FunctionRow> row = repository.find(c, account, functionId);
            if (row.isEmpty() || !row.get().deployed()) {
                return Optional.empty();
            }
            return repository.version(c, functionId, version).map(v -> deployedFunction(account, v));
        });
    }

    @Override
    public List<Binding> bindings(String account) {
        return database.withConnection("list bindings", c -> repository.allBindings(c, account));
    }

    private DeployedFunction deployedFunction(String account, FunctionVersion version) {
        return new DeployedFunction(version.functionId(), account, version.version(), version.spec(),
                Duration.ofMillis(FunctionServiceImpl.effectiveTimeout(version.spec(), defaultTimeoutMs)));
    }
}
