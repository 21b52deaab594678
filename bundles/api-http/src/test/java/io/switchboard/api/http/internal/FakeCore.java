package io.switchboard.api.http.internal;

import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.DeadLetters;
import io.switchboard.core.api.dispatch.DraftInvoker;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.EventDispatcher;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownEventTypeException;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.bot.Bot;
import io.switchboard.core.api.bot.BotService;
import io.switchboard.core.api.bot.BotSpec;
import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionLimitExceededException;
import io.switchboard.core.api.function.FunctionService;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.FunctionState;
import io.switchboard.core.api.function.FunctionVersion;
import io.switchboard.core.api.function.InvocationFilter;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.InvocationReport;
import io.switchboard.core.api.function.InvocationState;
import io.switchboard.core.api.function.ReportRange;
import io.switchboard.core.api.function.InvocationService;
import io.switchboard.core.api.function.LimitBreach;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.api.function.SecretInfo;
import io.switchboard.core.api.function.SecretService;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.api.security.AccountInfo;
import io.switchboard.core.api.security.AccountKeys;
import io.switchboard.core.api.security.Authenticator;
import io.switchboard.core.api.security.IssuedKey;
import io.switchboard.core.api.security.KeyInfo;
import io.switchboard.core.api.security.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory stand-ins for the core services, enough to drive the HTTP API end to end: functions with
 * versions and an event limit, an "executor" that echoes its input, invocation records and secrets.
 */
final class FakeCore {

    static final String ADMIN_KEY = "admin-key";
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final Map<String, String> keys = Map.of("acme-key", "acme", "globex-key", "globex");
    private final Map<String, EventTypeView> eventTypes = new ConcurrentHashMap<>();
    private final Map<String, FunctionInfo> functionsById = new ConcurrentHashMap<>();
    private final Map<String, List<FunctionVersion>> versionsById = new ConcurrentHashMap<>();
    private final List<InvocationRecord> records = new CopyOnWriteArrayList<>();
    /** The filter of the last search or export. */
    volatile InvocationFilter lastFilter;
    private final Map<String, String> secretValues = new ConcurrentHashMap<>();
    final Map<String, List<LimitBreach>> breaches = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    volatile Duration capacityFullFor;
    /** Invocations refused because of {@link #capacityFullFor}. */
    final AtomicInteger capacityRefusals = new AtomicInteger();
    volatile RuntimeException failure;
    /** The last event the fake dispatcher was asked to raise. */
    volatile DispatchRequest lastDispatch;

    FakeCore() {
        addEventType(new EventTypeDefinition("conversational_command", "Conversational Command", "An agent typed /name",
                "Conversational Commands", 30, false, InvocationMode.SYNC, EventSelection.ALL, 0, ResultDelivery.SINGLE,
                "{\"type\":\"object\",\"required\":[\"command\"]}", "{\"command\":\"hello\",\"args\":[\"world\"]}",
                "{\"type\":\"object\"}", "/events/conversational-commands/commands/{commandName}"), 2);
        addEventType(new EventTypeDefinition("controllerbot_messaging_conversation_end", "Messaging Conversation End", "A conversation closed",
                "System Messages", 1, true, InvocationMode.ASYNC, EventSelection.SKILL, 3, ResultDelivery.COMMANDS, "{\"type\":\"object\"}",
                "{\"general\":{\"convId\":\"c-1\"}}", null, "/events/system-messages/conversation-end"), 1);
    }

    void addEventType(EventTypeDefinition definition, int effectiveLimit) {
        eventTypes.put(definition.id(), new EventTypeView(definition, effectiveLimit));
    }

    final Authenticator authenticator = new Authenticator() {

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (ADMIN_KEY.equals(bearerToken)) {
            return Optional.of(new Caller(null, true));
        }
        String issuedTo = issuedKeys.values().stream().filter(k -> k.key().equals(bearerToken)).map(k -> k.info().account())
                .findFirst().orElse(null);
        return Optional.ofNullable(issuedTo != null ? issuedTo : keys.get(bearerToken)).map(account -> new Caller(account, false));
    }

    };

    private final Map<String, IssuedKey> issuedKeys = new java.util.concurrent.ConcurrentSkipListMap<>();

    final AccountKeys accountKeys = new AccountKeys() {

    @Override
    public Page<AccountInfo> accounts(int page, int size) {
        List<AccountInfo> all = List.of(new AccountInfo("acme", 1, (int) issuedKeys.values().stream()
                .filter(k -> k.info().account().equals("acme")).count(), functionsById.size()), new AccountInfo("globex", 1, 0, 0));
        return new Page<>(all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size());
    }

    @Override
    public IssuedKey issue(String account, boolean revokeOthers) {
        if (revokeOthers) {
            issuedKeys.values().removeIf(k -> k.info().account().equals(account));
        }
        IssuedKey issued = new IssuedKey(new KeyInfo("k-" + ids.incrementAndGet(), account, NOW), "sb_issued-" + ids.get());
        issuedKeys.put(issued.info().id(), issued);
        return issued;
    }

    @Override
    public List<KeyInfo> keys(String account) {
        return issuedKeys.values().stream().map(IssuedKey::info).filter(i -> i.account().equals(account)).toList();
    }

    @Override
    public void revoke(String account, String keyId) {
        IssuedKey key = issuedKeys.get(keyId);
        if (key == null || !key.info().account().equals(account)) {
            throw new NotFoundException("no key " + keyId);
        }
        issuedKeys.remove(keyId);
    }

    };

    final EventCatalog catalog = new EventCatalog() {

    @Override
    public List<EventTypeView> list() {
        return List.copyOf(eventTypes.values());
    }

    @Override
    public Optional<EventTypeView> get(String eventTypeId) {
        return Optional.ofNullable(eventTypes.get(eventTypeId));
    }

    };

    final FunctionService functions = new FunctionService() {

    @Override
    public Page<FunctionInfo> list(String account, int page, int size) {
        List<FunctionInfo> all = functionsById.values().stream().filter(f -> f.account().equals(account))
                .sorted(Comparator.comparing(f -> f.spec().name())).toList();
        List<FunctionInfo> items = all.stream().skip((long) page * size).limit(size).toList();
        return new Page<>(items, page, size, all.size());
    }

    @Override
    public FunctionInfo get(String account, String functionId) {
        FunctionInfo info = functionsById.get(functionId);
        if (info == null || !info.account().equals(account)) {
            throw new NotFoundException("Account '" + account + "' has no function '" + functionId + "'");
        }
        return info;
    }

    @Override
    public FunctionInfo create(String account, FunctionSpec spec) {
        failIfAsked();
        check(account, null, spec);
        String id = "fn-" + ids.incrementAndGet();
        FunctionInfo info = new FunctionInfo(id, account, spec, timeout(spec), FunctionState.DRAFT, 0, 0, NOW, NOW);
        functionsById.put(id, info);
        return info;
    }

    @Override
    public FunctionInfo update(String account, String functionId, FunctionSpec spec) {
        FunctionInfo old = get(account, functionId);
        check(account, functionId, spec);
        FunctionState state = old.state() == FunctionState.PRODUCTIVE ? FunctionState.MODIFIED : old.state();
        return store(new FunctionInfo(old.id(), account, spec, timeout(spec), state, old.deployedVersion(), old.latestVersion(), old.createdAt(), NOW));
    }

    @Override
    public void delete(String account, String functionId) {
        get(account, functionId);
        functionsById.remove(functionId);
        versionsById.remove(functionId);
    }

    @Override
    public FunctionInfo deploy(String account, String functionId) {
        FunctionInfo old = get(account, functionId);
        checkLimit(old, old.spec());
        int version = old.latestVersion() + 1;
        versionsById.computeIfAbsent(functionId, k -> new CopyOnWriteArrayList<>()).add(new FunctionVersion(functionId, version, old.spec(), NOW));
        return store(new FunctionInfo(old.id(), account, old.spec(), old.timeoutMs(), FunctionState.PRODUCTIVE, version, version, old.createdAt(), NOW));
    }

    @Override
    public FunctionInfo undeploy(String account, String functionId) {
        FunctionInfo old = get(account, functionId);
        if (old.deployedVersion() == 0) {
            throw new ConflictException("Function '" + old.spec().name() + "' is not deployed");
        }
        return store(new FunctionInfo(old.id(), account, old.spec(), old.timeoutMs(), FunctionState.UNDEPLOYED, 0, old.latestVersion(), old.createdAt(), NOW));
    }

    @Override
    public FunctionInfo rollback(String account, String functionId, int version) {
        FunctionInfo old = get(account, functionId);
        FunctionVersion target = versions(account, functionId).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new NotFoundException("Function '" + functionId + "' has no version " + version));
        checkLimit(old, target.spec());
        return store(new FunctionInfo(old.id(), account, target.spec(), timeout(target.spec()), FunctionState.PRODUCTIVE, version, old.latestVersion(), old.createdAt(), NOW));
    }

    @Override
    public List<FunctionVersion> versions(String account, String functionId) {
        get(account, functionId);
        return List.copyOf(versionsById.getOrDefault(functionId, List.of()));
    }

    @Override
    public List<LimitBreach> limitBreaches(String account) {
        return List.copyOf(breaches.getOrDefault(account, List.of()));
    }

    };

    private FunctionInfo store(FunctionInfo info) {
        functionsById.put(info.id(), info);
        return info;
    }

    private void check(String account, String selfId, FunctionSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.eventType() != null && !eventTypes.containsKey(spec.eventType())) {
            errors.add(new FieldError("/eventType", "unknown event type '" + spec.eventType() + "'"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("The function is invalid", errors);
        }
        boolean taken = functionsById.values().stream().anyMatch(f -> f.account().equals(account)
                && f.spec().name().equals(spec.name()) && !f.id().equals(selfId));
        if (taken) {
            throw new ConflictException("Account '" + account + "' already has a function named '" + spec.name() + "'");
        }
    }

    private void checkLimit(FunctionInfo function, FunctionSpec spec) {
        if (spec.eventType() == null) {
            return;
        }
        int limit = eventTypes.get(spec.eventType()).effectiveLimit();
        List<String> holders = functionsById.values().stream()
                .filter(f -> f.account().equals(function.account()) && !f.id().equals(function.id()))
                .filter(f -> f.deployedVersion() > 0 && spec.eventType().equals(f.spec().eventType()))
                .map(f -> f.spec().name()).sorted().toList();
        if (holders.size() >= limit) {
            throw new FunctionLimitExceededException(spec.eventType(), null, limit, holders);
        }
    }

    private static long timeout(FunctionSpec spec) {
        return spec.timeoutMs() == null ? 30_000 : spec.timeoutMs();
    }


    final FunctionInvoker invoker = new FunctionInvoker() {

    @Override
    public FunctionOutcome invoke(String account, String functionRef, String payloadJson, List<Header> headers, Trigger trigger) {
        if (capacityFullFor != null) {
            capacityRefusals.incrementAndGet();
            throw new CapacityExceededException("Function '" + functionRef + "' is running its maximum of 2 invocations", capacityFullFor);
        }
        FunctionInfo function = functionsById.values().stream()
                .filter(f -> f.account().equals(account) && (f.id().equals(functionRef) || f.spec().name().equals(functionRef)))
                .filter(f -> f.deployedVersion() > 0)
                .findFirst()
                .orElseThrow(() -> new UnknownFunctionException("Account '" + account + "' has no deployed function '" + functionRef + "'"));
        return run(function, payloadJson, headers, trigger, null, null);
    }

    };

    /** Runs the draft as version 0, whether deployed or not. */
    final DraftInvoker drafts = (account, functionRef, payloadJson, headers) -> {
        FunctionInfo function = functionsById.values().stream()
                .filter(f -> f.account().equals(account) && (f.id().equals(functionRef) || f.spec().name().equals(functionRef)))
                .findFirst()
                .orElseThrow(() -> new UnknownFunctionException("Account " + account + " has no function '" + functionRef + "'"));
        return run(function, payloadJson, headers, Trigger.MANUAL, null, null, 0);
    };

    private FunctionOutcome run(FunctionInfo function, String payloadJson, List<Header> headers, Trigger trigger, String eventType, String eventId) {
        return run(function, payloadJson, headers, trigger, eventType, eventId, function.deployedVersion());
    }

    private FunctionOutcome run(FunctionInfo function, String payloadJson, List<Header> headers, Trigger trigger, String eventType, String eventId,
                                int version) {
        String invocationId = "inv-" + ids.incrementAndGet();
        boolean fails = function.spec().code().contains("throw");
        String headerText = headers.stream().map(h -> h.key() + "=" + h.value()).reduce((a, b) -> a + "," + b).orElse("");
        String result = fails ? null : "{\"echo\":" + payloadJson + ",\"headers\":\"" + headerText + "\",\"trigger\":\"" + trigger + "\"}";
        ExecutionError error = fails ? new ExecutionError("com.switchboard.function.error", "boom") : null;
        Outcome outcome = fails ? Outcome.ERROR : Outcome.OK;
        List<LogLine> logs = List.of(new LogLine(NOW, LogLevel.INFO, "ran " + function.spec().name()));
        records.add(0, new InvocationRecord(invocationId, function.account(), function.id(), version,
                eventType, eventId, trigger, NOW, 7, outcome, result, error, logs));
        return new FunctionOutcome(invocationId, function.id(), function.spec().name(), version, outcome, result, error, logs);
    }


    final EventDispatcher dispatcher = new EventDispatcher() {

    @Override
    public DispatchResult dispatch(DispatchRequest request) {
        EventTypeView type = catalog.get(request.eventTypeId()).orElseThrow(() -> new UnknownEventTypeException(request.eventTypeId()));
        if (request.payloadJson().equals("{}")) {
            throw new InvalidPayloadException("The payload fails the schema of " + request.eventTypeId(),
                    List.of(new FieldError("/command", "is required")));
        }
        String eventId = "ev-" + ids.incrementAndGet();
        List<FunctionInfo> bound = functionsById.values().stream()
                .filter(f -> f.account().equals(request.account()) && f.deployedVersion() > 0)
                .filter(f -> request.eventTypeId().equals(f.spec().eventType()))
                .toList();
        lastDispatch = request;
        if (type.definition().mode() == InvocationMode.ASYNC) {
            return new DispatchResult(eventId, InvocationMode.ASYNC, List.of());
        }
        List<FunctionOutcome> outcomes = bound.stream()
                .map(f -> run(f, request.payloadJson(), request.headers(), request.trigger(), request.eventTypeId(), eventId))
                .sorted(Comparator.comparing(FunctionOutcome::functionName))
                .toList();
        Optional<FunctionOutcome> failure = outcomes.stream().filter(o -> o.outcome() != Outcome.OK).findFirst();
        String combined = failure.isPresent() ? null
                : "[" + String.join(",", outcomes.stream().map(FunctionOutcome::resultJson).toList()) + "]";
        return new DispatchResult(eventId, InvocationMode.SYNC, outcomes, ResultDelivery.SINGLE, combined, failure.orElse(null));
    }

    };

    /** A dead-lettered (or, once retried, re-queued) task of an account. */
    private record FakeTask(String account, DeadLetterInfo info, boolean dead) {
    }

    private final Map<String, FakeTask> tasks = new ConcurrentHashMap<>();

    /** Dead-letters a task of the function after three failed attempts; answers its id. */
    String deadLetter(String account, String functionId, Instant at) {
        String taskId = "task-" + ids.incrementAndGet();
        tasks.put(taskId, new FakeTask(account, new DeadLetterInfo(taskId, "ev-" + ids.incrementAndGet(), "controllerbot_messaging_conversation_end",
                functionId, 1, 3, "ERROR: com.switchboard.function.error boom", at), true));
        return taskId;
    }

    final DeadLetters deadLetters = new DeadLetters() {

    @Override
    public Page<DeadLetterInfo> list(String account, int page, int size) {
        List<DeadLetterInfo> all = tasks.values().stream().filter(t -> t.account().equals(account) && t.dead()).map(FakeTask::info)
                .sorted(Comparator.comparing(DeadLetterInfo::deadLetteredAt).reversed()).toList();
        return new Page<>(all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size());
    }

    @Override
    public DeadLetterInfo retry(String account, String taskId) {
        FakeTask task = tasks.get(taskId);
        if (task == null || !task.account().equals(account)) {
            throw new NotFoundException("Account " + account + " has no asynchronous task " + taskId);
        }
        if (!task.dead()) {
            throw new ConflictException("Task " + taskId + " is not dead-lettered (it was retried already or has not failed)");
        }
        DeadLetterInfo dead = task.info();
        FunctionInfo function = functionsById.get(dead.functionId());
        if (function == null || function.deployedVersion() == 0) {
            throw new ConflictException("Function " + dead.functionId() + " of task " + taskId + " has no deployed version; deploy it first");
        }
        DeadLetterInfo requeued = new DeadLetterInfo(taskId, dead.eventId(), dead.eventTypeId(), dead.functionId(),
                function.deployedVersion(), 0, dead.lastError(), dead.deadLetteredAt());
        tasks.put(taskId, new FakeTask(account, requeued, false));
        return requeued;
    }

    };

    final InvocationService invocations = new InvocationService() {

    @Override
    public Page<InvocationRecord> list(String account, String functionId, int page, int size) {
        functions.get(account, functionId);
        List<InvocationRecord> all = records.stream().filter(r -> r.functionId().equals(functionId)).toList();
        return new Page<>(all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size());
    }

    /** Applies the outcome and function parts of the filter (what the API layer passes on is checked by lastFilter). */
    @Override
    public Page<InvocationRecord> search(String account, String functionId, InvocationFilter filter, int page, int size) {
        lastFilter = filter;
        List<InvocationRecord> all = matching(account, functionId, filter);
        return new Page<>(all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size());
    }

    @Override
    public long export(String account, String functionId, InvocationFilter filter, java.util.function.Consumer<InvocationRecord> sink) {
        lastFilter = filter;
        List<InvocationRecord> all = matching(account, functionId, filter).stream().limit(exportLimit()).toList();
        all.forEach(sink);
        return all.size();
    }

    private List<InvocationRecord> matching(String account, String functionId, InvocationFilter filter) {
        if (functionId != null) {
            functions.get(account, functionId);
        }
        return records.stream().filter(r -> r.account().equals(account) && (functionId == null || r.functionId().equals(functionId))
                && (filter.outcomes().isEmpty() || filter.outcomes().contains(r.outcome()))).toList();
    }

    @Override
    public int exportLimit() {
        return 3;
    }

    /** One bucket per range holding every record of the function, counted by state. */
    @Override
    public InvocationReport report(String account, String functionId, ReportRange range) {
        functions.get(account, functionId);
        java.util.Map<InvocationState, Long> counts = new java.util.EnumMap<>(InvocationState.class);
        for (InvocationState state : InvocationState.values()) {
            counts.put(state, 0L);
        }
        records.stream().filter(r -> r.functionId().equals(functionId)).forEach(r -> counts.merge(InvocationState.of(r.outcome(), r.error()), 1L, Long::sum));
        java.time.Instant from = java.time.Instant.parse("2026-06-01T00:00:00Z");
        InvocationReport.Durations durations = new InvocationReport.Durations(1, 10L, 20L, 20L, 20L);
        return new InvocationReport(functionId, range, from, from.plus(range.bucket()), counts, durations,
                List.of(new InvocationReport.Bucket(from, counts, durations)));
    }

    @Override
    public InvocationRecord get(String account, String invocationId) {
        return records.stream().filter(r -> r.id().equals(invocationId) && r.account().equals(account)).findFirst()
                .orElseThrow(() -> new NotFoundException("Account '" + account + "' has no invocation '" + invocationId + "'"));
    }

    };

    final SecretService secrets = new SecretService() {

    @Override
    public List<SecretInfo> list(String account) {
        return secretValues.entrySet().stream().filter(e -> e.getKey().startsWith(account + "/"))
                .map(e -> info(e.getKey().substring(account.length() + 1), e.getValue())).toList();
    }

    @Override
    public SecretInfo get(String account, String name) {
        String value = secretValues.get(account + "/" + name);
        if (value == null) {
            throw new NotFoundException("Account '" + account + "' has no secret '" + name + "'");
        }
        return info(name, value);
    }

    @Override
    public SecretInfo put(String account, String name, String value) {
        secretValues.put(account + "/" + name, value);
        return info(name, value);
    }

    @Override
    public SecretInfo create(String account, String name, String value) {
        if (secretValues.putIfAbsent(account + "/" + name, value) != null) {
            throw new ConflictException("Secret '" + name + "' already exists; replace it with PUT");
        }
        return info(name, value);
    }

    @Override
    public void delete(String account, String name) {
        get(account, name);
        secretValues.remove(account + "/" + name);
    }

    // JSON values are kept as their JSON text, so a test can tell them from strings.
    @Override
    public SecretInfo putJson(String account, String name, String valueJson) {
        return put(account, name, "json:" + valueJson);
    }

    @Override
    public SecretInfo createJson(String account, String name, String valueJson) {
        return create(account, name, "json:" + valueJson);
    }

    };

    String secretValue(String account, String name) {
        return secretValues.get(account + "/" + name);
    }

    private static SecretInfo info(String name, String value) {
        return new SecretInfo(name, value.length() <= 2 ? "****" : value.substring(0, 2) + "****", NOW);
    }

    private void failIfAsked() {
        RuntimeException toThrow = failure;
        if (toThrow != null) {
            throw toThrow;
        }
    }

    private final Map<String, Bot> bots = new ConcurrentHashMap<>();

    /** Bots in memory; a function must exist in the account and be bound to the event it is given for. */
    final BotService botService = new BotService() {

        @Override
        public Page<Bot> list(String account, int page, int size) {
            List<Bot> all = bots.values().stream().filter(b -> b.account().equals(account)).sorted(Comparator.comparing(Bot::id)).toList();
            return new Page<>(all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size());
        }

        @Override
        public Bot get(String account, String botId) {
            return Optional.ofNullable(bots.get(account + "/" + botId))
                    .orElseThrow(() -> new NotFoundException("Account " + account + " has no bot '" + botId + "'"));
        }

        @Override
        public Bot create(String account, BotSpec spec) {
            Bot bot = new Bot(spec.id(), account, spec.vendor(), resolve(account, spec), NOW, NOW);
            if (bots.putIfAbsent(account + "/" + spec.id(), bot) != null) {
                throw new ConflictException("Account " + account + " has a bot '" + spec.id() + "' already");
            }
            return bot;
        }

        @Override
        public Bot update(String account, String botId, BotSpec spec) {
            Bot existing = get(account, botId);
            Bot bot = new Bot(botId, account, spec.vendor(), resolve(account, spec), existing.createdAt(), NOW);
            bots.put(account + "/" + botId, bot);
            return bot;
        }

        @Override
        public void delete(String account, String botId) {
            if (bots.remove(account + "/" + botId) == null) {
                throw new NotFoundException("Account " + account + " has no bot '" + botId + "'");
            }
        }

        private Map<String, String> resolve(String account, BotSpec spec) {
            List<FieldError> errors = new ArrayList<>();
            Map<String, String> resolved = new java.util.TreeMap<>();
            spec.functions().forEach((event, ref) -> functionsById.values().stream()
                    .filter(f -> f.account().equals(account) && (f.id().equals(ref) || f.spec().name().equals(ref)) && event.equals(f.spec().eventType()))
                    .findFirst().ifPresentOrElse(f -> resolved.put(event, f.id()),
                            () -> errors.add(new FieldError("/functions/" + event, "no such function bound to " + event))));
            if (!errors.isEmpty()) {
                throw new ValidationException("Bot '" + spec.id() + "' is invalid", errors);
            }
            return resolved;
        }
    };
}
