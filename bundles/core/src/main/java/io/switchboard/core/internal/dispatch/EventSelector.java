package io.switchboard.core.internal.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.switchboard.core.api.bot.Bot;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.internal.bot.BotServiceImpl;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.function.DeployedFunctions;

/** LivePerson's selection rules: which productive functions run for one event (see {@link io.switchboard.core.api.event.EventSelection}). */
final class EventSelector {

    /** The functions to run, in function-name order, and the headers the selection adds to the caller's. */
    record Selection(List<DeployedFunction> functions, List<Header> headers) {
    }

    private static final Comparator<DeployedFunction> BY_NAME = Comparator.comparing(DeployedFunction::name)
            .thenComparing(DeployedFunction::functionId);

    private final DeployedFunctions functions;
    private final BotServiceImpl bots;

    EventSelector(DeployedFunctions functions, BotServiceImpl bots) {
        this.functions = functions;
        this.bots = bots;
    }

    /**
     * @throws UnknownFunctionException when a command or bot event has no productive function to run
     */
    Selection select(EventTypeDefinition event, DispatchRequest request) {
        return switch (event.selection()) {
            case SKILL -> new Selection(sorted(functions.selectFor(request.account(), event.id(), event.supportsSkills() ? request.skillId() : null)),
                    request.headers());
            case ALL -> new Selection(sorted(functions.bound(request.account(), event.id())), request.headers());
            case COMMAND -> new Selection(List.of(command(event, request)), request.headers());
            case BOT -> bot(event, request);
        };
    }

    /** Whether an event of the type (and skill) would run a function: LivePerson's {@code isImplemented}. */
    boolean implemented(EventTypeDefinition event, String account, String skillId) {
        return switch (event.selection()) {
            case SKILL -> !functions.selectFor(account, event.id(), event.supportsSkills() ? skillId : null).isEmpty();
            case ALL, COMMAND, BOT -> !functions.bound(account, event.id()).isEmpty();
        };
    }

    private DeployedFunction command(EventTypeDefinition event, DispatchRequest request) {
        String command = request.commandName();
        if (command == null || command.isBlank()) {
            throw new InvalidPayloadException("Event '" + event.id() + "' runs the function named like the command; name the command",
                    List.of(new FieldError("commandName", "is required: the command, i.e. the name of the function to run")));
        }
        return functions.bound(request.account(), event.id()).stream().filter(f -> f.name().equals(command)).findFirst()
                .orElseThrow(() -> new UnknownFunctionException("Account " + request.account() + " has no productive function for the command '"
                        + command + "' (a function named '" + command + "' bound to '" + event.id() + "' and deployed)"));
    }

    private Selection bot(EventTypeDefinition event, DispatchRequest request) {
        String botId = request.botId();
        if (botId == null || botId.isBlank()) {
            throw new InvalidPayloadException("Event '" + event.id() + "' runs the function its bot is configured with; name the bot",
                    List.of(new FieldError("botId", "is required: the bot whose function runs")));
        }
        Optional<Bot> bot = bots.find(request.account(), botId);
        if (bot.isEmpty()) {
            throw new UnknownFunctionException("Account " + request.account() + " has no bot '" + botId
                    + "' (POST /api/v1/accounts/" + request.account() + "/bots creates one)");
        }
        String functionId = bot.get().functions().get(event.id());
        if (functionId == null) {
            throw new UnknownFunctionException("Bot '" + botId + "' has no function for '" + event.id() + "'");
        }
        DeployedFunction function = functions.bound(request.account(), event.id()).stream().filter(f -> f.functionId().equals(functionId))
                .findFirst().orElseThrow(() -> new UnknownFunctionException("The function " + functionId + " of bot '" + botId + "' for '"
                        + event.id() + "' is not productive; deploy it"));
        List<Header> headers = new ArrayList<>(request.headers());
        headers.add(new Header(Bot.ID_HEADER, botId));
        headers.add(new Header(Bot.VENDOR_HEADER, bot.get().vendor().value()));
        return new Selection(List.of(function), headers);
    }

    private static List<DeployedFunction> sorted(List<DeployedFunction> selected) {
        List<DeployedFunction> sorted = new ArrayList<>(selected);
        sorted.sort(BY_NAME);
        return sorted;
    }
}
