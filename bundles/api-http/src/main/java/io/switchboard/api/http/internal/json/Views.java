package io.switchboard.api.http.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.api.bot.Bot;
import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.FunctionVersion;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.LimitBreach;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.api.function.SecretInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON shapes of the API. Field names are part of the contract: camelCase, stable, documented in
 * {@code docs/api.md}. JSON text kept by the core (schemas, payloads, results) is embedded as JSON.
 */
public final class Views {
    private final Json json;

    public Views(Json json) {
        this.json = json;
    }

    /** A list that is not paged. */
    public record Items<T>(List<T> items) {
    }

    /** One page of a listing. */
    public record PageView<T>(List<T> items, int page, int size, long total) {
    }

    /** An event type with its limits, its rules and its JSON (schema, sample payload, result schema) embedded. */
    public record EventTypeDetails(String id, String displayName, String description, String source, int defaultLimit,
                                 int effectiveLimit, boolean supportsSkills, String mode, String selection, int retries,
                                 String delivery, String webhookPath, JsonNode payloadSchema, JsonNode samplePayload,
                                 JsonNode resultSchema) {
    }

    /** A Third-Party Bot: its vendor (LivePerson's name) and the id of its function per event type. */
    public record BotView(String id, String vendor, Map<String, String> functions, String createdAt, String updatedAt) {
    }

    /** A function; {@code code} is left out in listings. */
    public record FunctionView(String id, String account, String name, String description, String code, String eventType,
                               List<String> skills, long timeoutMs, List<String> allowedDomains, Map<String, String> env,
                               String templateId, String templateVersion, String state, int deployedVersion,
                               int latestVersion, String statusDetail, String createdAt, String updatedAt) {
    }

    /** An event (or skill) where the account holds more productive functions than the limit in force. */
    public record LimitBreachView(String eventType, String skill, int limit, List<String> holders) {
    }

    /** A deployed version with its frozen spec; {@code active} marks the one now deployed. */
    public record VersionView(int version, boolean active, String createdAt, String name, String description, String code,
                              String eventType, List<String> skills, Long timeoutMs, List<String> allowedDomains,
                              Map<String, String> env) {
    }

    /** One line a function logged; {@code extras} are the further arguments of the console call (a JSON array), if any. */
    public record LogLineView(String time, String level, String message, JsonNode extras) {
    }

    /** What one run of a function produced: {@code result} when OK, else {@code error}. */
    public record OutcomeView(String invocationId, String functionId, String functionName, int version, String outcome,
                              JsonNode result, ExecutionError error, List<LogLineView> logs) {
    }

    /** An invocation record. */
    public record InvocationView(String id, String functionId, int version, String eventType, String eventId,
                                 String trigger, String startedAt, long durationMs, String outcome, JsonNode result,
                                 ExecutionError error, List<LogLineView> logs, String traceId) {
    }

    /**
     * The answer to a raised event: the outcomes of a synchronous one (none for an asynchronous one), its combined
     * result when every function returned a valid one, else the function that failed it.
     */
    public record DispatchView(String eventId, String mode, List<OutcomeView> outcomes, JsonNode result, OutcomeView failure) {
    }

    /** An asynchronous task that failed every attempt (or, answering a retry, the task as re-queued). */
    public record DeadLetterView(String taskId, String eventId, String eventType, String functionId, int version, int attempts,
                                 String lastError, String deadLetteredAt) {
    }

    /** A secret without its value. */
    public record SecretView(String name, String maskedValue, String updatedAt) {
    }

    public <T, V> PageView<V> page(Page<T> page, Function<T, V> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.page(), page.size(), page.total());
    }

    public EventTypeDetails eventType(EventTypeView view) {
        EventTypeDefinition d = view.definition();
        return new EventTypeDetails(d.id(), d.displayName(), d.description(), d.source(), d.defaultFunctionLimit(),
                view.effectiveLimit(), d.supportsSkills(), d.mode().name(), d.selection().name(), d.retries(), d.delivery().name(),
                d.webhookPath(), json.embed(d.payloadSchema()), json.embed(d.samplePayload()), json.embed(d.resultSchema()));
    }

    public FunctionView function(FunctionInfo info) {
        return function(info, true);
    }

    /** A function without its code, for listings. */
    public FunctionView functionSummary(FunctionInfo info) {
        return function(info, false);
    }

    private FunctionView function(FunctionInfo info, boolean withCode) {
        FunctionSpec s = info.spec();
        return new FunctionView(info.id(), info.account(), s.name(), s.description(), withCode ? s.code() : null,
                s.eventType(), s.skills(), info.timeoutMs(), s.allowedDomains(), s.env(), s.templateId(),
                s.templateVersion(), info.state().name(), info.deployedVersion(), info.latestVersion(),
                info.statusDetail(), time(info.createdAt()), time(info.updatedAt()));
    }

    public VersionView version(FunctionVersion version, int activeVersion) {
        FunctionSpec s = version.spec();
        return new VersionView(version.version(), version.version() == activeVersion, time(version.createdAt()), s.name(),
                s.description(), s.code(), s.eventType(), s.skills(), s.timeoutMs(), s.allowedDomains(), s.env());
    }

    public OutcomeView outcome(FunctionOutcome o) {
        return new OutcomeView(o.invocationId(), o.functionId(), o.functionName(), o.version(), name(o.outcome()),
                result(o.outcome(), o.resultJson()), o.error(), logs(o.logs()));
    }

    public InvocationView invocation(InvocationRecord r) {
        return new InvocationView(r.id(), r.functionId(), r.version(), r.eventTypeId(), r.eventId(), name(r.trigger()),
                time(r.startedAt()), r.durationMs(), name(r.outcome()), result(r.outcome(), r.resultJson()), r.error(),
                logs(r.logs()), r.traceId());
    }

    public DispatchView dispatch(DispatchResult result) {
        return new DispatchView(result.eventId(), result.mode().name(), result.outcomes().stream().map(this::outcome).toList(),
                result.resultJson() == null ? null : json.embed(result.resultJson()), result.failure() == null ? null : outcome(result.failure()));
    }

    public BotView bot(Bot bot) {
        return new BotView(bot.id(), bot.vendor().value(), bot.functions(), time(bot.createdAt()), time(bot.updatedAt()));
    }

    public LimitBreachView limitBreach(LimitBreach breach) {
        return new LimitBreachView(breach.eventTypeId(), breach.skill(), breach.limit(), breach.holders());
    }

    public DeadLetterView deadLetter(DeadLetterInfo d) {
        return new DeadLetterView(d.taskId(), d.eventId(), d.eventTypeId(), d.functionId(), d.version(), d.attempts(), d.lastError(),
                time(d.deadLetteredAt()));
    }

    public SecretView secret(SecretInfo secret) {
        return new SecretView(secret.name(), secret.maskedValue(), time(secret.updatedAt()));
    }

    // An OK result of JSON null is still a result: it is written as "result": null.
    private JsonNode result(Outcome outcome, String resultJson) {
        if (outcome != Outcome.OK) {
            return null;
        }
        return resultJson == null ? json.embed("null") : json.embed(resultJson);
    }

    private List<LogLineView> logs(List<LogLine> lines) {
        return lines.stream().map(l -> new LogLineView(time(l.time()), name(l.level()), l.message(),
                l.extrasJson() == null ? null : json.embed(l.extrasJson()))).toList();
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
