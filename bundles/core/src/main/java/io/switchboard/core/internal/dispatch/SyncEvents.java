package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
 * delivery, and a bot response's INVOCATION action is carried out. An event whose every function the quarantine refused
 * (a slot taken between the early check and the run) is refused for now, with the time a retry may be admitted, as the
 * early check refuses it ({@link EarlyRefusals}).
 */
final class SyncEvents {

    private final SyncRunner runner;
    private final BotInvocationAction botAction;
    private final Clock clock;
    /** When the quarantine may admit a run of the function again (empty: now); {@link Quarantine#refusal}. */
    private final Function<String, Optional<Duration>> quarantineRefusal;

    SyncEvents(SyncRunner runner, BotInvocationAction botAction, Clock clock, Function<String, Optional<Duration>> quarantineRefusal) {
        this.runner = runner;
        this.botAction = botAction;
        this.clock = clock;
        this.quarantineRefusal = quarantineRefusal;
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
            return new DispatchResult(eventId, InvocationMode.SYNC, outcomes, event.delivery(), null, failure.get(), refusedForNow(outcomes));
        }
        String combined = ResultCombiner.combine(event.delivery(), outcomes.stream().map(FunctionOutcome::resultJson).toList());
        return new DispatchResult(eventId, InvocationMode.SYNC, outcomes, event.delivery(), combined, null);
    }

    /** When every outcome is a quarantine's refusal: the earliest time one may be admitted (at least 1 s); else null. */
    private Duration refusedForNow(List<FunctionOutcome> outcomes) {
        Duration retryAfter = null;
        for (FunctionOutcome outcome : outcomes) {
            if (outcome.outcome() != Outcome.REJECTED || outcome.error() == null || !Quarantine.QUARANTINED.equals(outcome.error().errorCode())) {
                return null;
            }
            Duration wait = quarantineRefusal.apply(outcome.functionId()).orElse(Duration.ofSeconds(1));
            retryAfter = retryAfter == null || wait.compareTo(retryAfter) < 0 ? wait : retryAfter;
        }
        return retryAfter;
    }
}
