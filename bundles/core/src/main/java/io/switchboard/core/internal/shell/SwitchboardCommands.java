package io.switchboard.core.internal.shell;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.DeadLetters;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.dispatch.DispatchException;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionLimitExceededException;
import io.switchboard.core.api.function.FunctionService;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.function.Binding;
import io.switchboard.core.internal.function.DeployedFunctions;

/** Operator commands in the Gogo shell: {@code switchboard:eventtypes}, {@code switchboard:functions acme}, ... */
@Component(service = SwitchboardCommands.class)
@GogoCommand(scope = "switchboard", function = {"eventtypes", "functions", "bindings", "invoke", "deploy", "undeploy", "deadletters", "breaches"})
public class SwitchboardCommands {

    private final EventCatalog catalog;
    private final FunctionService functions;
    private final DeployedFunctions deployed;
    private final FunctionInvoker dispatcher;
    private final DeadLetters deadLetters;

    @Activate
    public SwitchboardCommands(@Reference EventCatalog catalog, @Reference FunctionService functions, @Reference DeployedFunctions deployed,
            @Reference FunctionInvoker dispatcher, @Reference DeadLetters deadLetters) {
        this.catalog = catalog;
        this.functions = functions;
        this.deployed = deployed;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
    }

    /** The event types of the catalogue with the limits in force. */
    @Descriptor("lists the event types of the catalogue with the function limits in force")
    public String eventtypes() {
        return catalog.list().stream().map(view -> {
            EventTypeDefinition d = view.definition();
            return String.format("%-45s %-5s limit %3d%s%s  (%s)", d.id(), d.mode(), view.effectiveLimit(),
                    view.effectiveLimit() == d.defaultFunctionLimit() ? "" : " (default " + d.defaultFunctionLimit() + ")",
                    d.supportsSkills() ? " per skill" : "", d.source());
        }).collect(Collectors.joining("\n"));
    }

    /** The functions of an account. */
    @Descriptor("lists the functions of an account: id, name, state, deployed version, event type")
    public String functions(@Descriptor("account") String account) {
        return functions.list(account, 0, 500).items().stream().map(SwitchboardCommands::line).collect(Collectors.joining("\n"));
    }

    /** The productive bindings of every account. */
    @Descriptor("lists the productive bindings (event type to function) of every account")
    public String bindings() {
        return bindings(null);
    }

    /** The productive bindings of an account. */
    @Descriptor("lists the productive bindings (event type to function) of an account")
    public String bindings(@Descriptor("account") String account) {
        List<Binding> bindings = deployed.bindings(account);
        return bindings.stream().map(b -> String.format("%-12s %-45s %-30s v%d skills %s", b.account(), b.eventType(), b.functionName(),
                b.version(), b.skills().isEmpty() ? "(all)" : String.join(",", b.skills()))).collect(Collectors.joining("\n"));
    }

    /** Runs a deployed function (by id or name) with a JSON payload. */
    @Descriptor("runs a deployed function with a JSON payload and prints its outcome, result and logs")
    public String invoke(@Descriptor("account") String account, @Descriptor("function id or name") String function,
            @Descriptor("payload as JSON, e.g. '{\"a\":1}'") String payloadJson) {
        try {
            FunctionOutcome outcome = dispatcher.invoke(account, function, payloadJson, List.of(), Trigger.MANUAL);
            StringBuilder out = new StringBuilder(outcome.outcome() + " (invocation " + outcome.invocationId() + ")\n");
            out.append(outcome.resultJson() != null ? outcome.resultJson()
                    : outcome.error() == null ? "" : outcome.error().errorCode() + ": " + outcome.error().errorMsg());
            outcome.logs().forEach(l -> out.append('\n').append(l.level()).append(' ').append(l.message()));
            return out.toString();
        } catch (DispatchException e) {
            return "error: " + e.getMessage();
        }
    }

    @Descriptor("deploys a function's current version (makes it productive)")
    public String deploy(@Descriptor("account") String account, @Descriptor("function id") String functionId) {
        try {
            return line(functions.deploy(account, functionId));
        } catch (NotFoundException | ConflictException | ValidationException | FunctionLimitExceededException e) {
            return "error: " + e.getMessage();
        }
    }

    @Descriptor("undeploys a function (it stops receiving events)")
    public String undeploy(@Descriptor("account") String account, @Descriptor("function id") String functionId) {
        try {
            return line(functions.undeploy(account, functionId));
        } catch (NotFoundException | ConflictException e) {
            return "error: " + e.getMessage();
        }
    }

    /** Asynchronous tasks that failed every attempt, newest first. */
    @Descriptor("lists the asynchronous tasks of an account that failed every attempt, newest first")
    public String deadletters(@Descriptor("account") String account) {
        List<DeadLetterInfo> dead = deadLetters.list(account, 0, 100).items();
        return dead.stream().map(d -> String.format("%s %s task %s event %s (%s) function %s v%d after %d attempt(s): %s", d.deadLetteredAt(),
                account, d.taskId(), d.eventId(), d.eventTypeId(), d.functionId(), d.version(), d.attempts(), d.lastError()))
                .collect(Collectors.joining("\n"));
    }

    /** Where an account holds more productive functions than a lowered limit allows. */
    @Descriptor("lists where an account holds more productive functions than a lowered limit allows")
    public String breaches(@Descriptor("account") String account) {
        return functions.limitBreaches(account).stream().map(b -> String.format("%s%s: limit %d, held by %s", b.eventTypeId(),
                b.skill() == null ? "" : " skill " + b.skill(), b.limit(), String.join(", ", b.holders()))).collect(Collectors.joining("\n"));
    }

    private static String line(FunctionInfo f) {
        return String.format("%-36s %-30s %-10s v%d %s%s%s", f.id(), f.spec().name(), f.state(), f.deployedVersion(),
                f.spec().eventType() == null ? "(no event)" : f.spec().eventType(),
                f.spec().skills().isEmpty() ? "" : " skills " + String.join(",", f.spec().skills()),
                f.statusDetail() == null ? "" : " [" + f.statusDetail() + "]");
    }
}
