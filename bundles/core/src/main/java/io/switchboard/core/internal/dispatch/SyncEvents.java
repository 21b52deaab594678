package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.internal.function.DeployedFunction;

/**
 * A synchronous event: its functions run in parallel; the first that fails (in function-name order) is the event's
 * failure ("failing functions abort the invocation chain"); otherwise their results are combined per the type's
 * delivery, and a bot response's INVOCATION action is carried out.
 */
final class SyncEvents {

    private final SyncRunner runner;
    private final BotInvocationAction botAction;
    private final Clock clock;

    SyncEvents(SyncRunner runner, BotInvocationAction botAction, Clock clock) {
        this.runner = runner;
        this.botAction = botAction;
        this.clock = clock;
    }

    DispatchResult run(EventTypeDefinition event, String eventId, String account, List<DeployedFunction> functions, String payloadJson,
            InvocationContext context, List<ConcurrencyLimiter.Permit> permits) {
        Instant started = clock.instant();
        List<FunctionOutcome> outcomes = functions.isEmpty() ? List.of() : runner.runAll(functions, payloadJson, context, permits);
        Optional<FunctionOutcome> failure = outcomes.stream().filter(o -> o.outcome() != Outcome.OK).findFirst();
        if (failure.isEmpty() && event.delivery() == ResultDelivery.BOT_RESPONSE && outcomes.size() == 1) {
            Duration budget = functions.get(0).timeout();
            failure = botAction.apply(account, outcomes.get(0), started.plus(budget));
        }
        if (failure.isPresent()) {
            return new DispatchResult(eventId, InvocationMode.SYNC, outcomes, event.delivery(), null, failure.get());
        }
        String combined = ResultCombiner.combine(event.delivery(), outcomes.stream().map(FunctionOutcome::resultJson).toList());
        return new DispatchResult(eventId, InvocationMode.SYNC, outcomes, event.delivery(), combined, null);
    }
}
