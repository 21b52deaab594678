package io.switchboard.bench.executor;

import io.switchboard.core.api.execution.CallerRescue;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.executor.graaljs.internal.GraalJsExecutor;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The executor against a bare {@code Value.execute} of the same function: a JSON transformation on a ~1.3 KB
 * payload and a CPU-bound one, plus the first call of a new function version on a warm engine.
 *
 * <p>The bare baseline is a plain context (no sandbox, no pool, no watchdog) that parses the same input JSON,
 * calls the same {@code lambda} and writes its result as JSON, so both sides do the same JavaScript work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
// 15 s of warm-up: on 2 cores the Truffle compiler (plain Java from a jar, compiled by the JVM as it goes) keeps compiling
// for 10-30 s, on a core of its own; measured earlier, a warm call was still getting faster after 8 s.
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 4, time = 1)
public class ExecutorBenchmark {
    static final String JSON_FUNCTION = """
            function lambda(input, callback) {
              const payload = input.payload;
              const lines = payload.transcript.map(line => ({ by: line.by, text: line.text.trim(), words: line.text.split(' ').length }));
              callback(null, { conversationId: payload.conversationId, skill: payload.skillId, lines, total: lines.length });
            }""";
    static final String CPU_FUNCTION = """
            function lambda(input, callback) {
              let count = 0;
              for (let n = 2; n < input.payload.limit; n++) {
                let prime = true;
                for (let d = 2; d * d <= n; d++) { if (n % d === 0) { prime = false; break; } }
                if (prime) count++;
              }
              callback(null, { primes: count });
            }""";
    static final String DRIVER = """
            (json) => { let out; lambda(JSON.parse(json), (error, result) => { out = JSON.stringify(result); }); return out; }""";
    /** A callback-style function that requires lodash and luxon at its top level, as LivePerson V1 code does. */
    static final String LIBRARY_FUNCTION = """
            const _ = require('lodash');
            const { DateTime } = require('luxon');
            function lambda(input, callback) {
              const payload = input.payload;
              callback(null, { conversationId: payload.conversationId, words: _.sumBy(payload.transcript, line => line.text.split(' ').length),
                at: DateTime.fromMillis(0, { zone: 'America/New_York' }).toISO() });
            }""";
    static final String JSON_INPUT = jsonInput();
    static final String CPU_INPUT = "{\"payload\":{\"limit\":20000},\"headers\":[]}";

    /** Contexts the executor prepares ahead (GraalJsExecutor.Config.spareContexts); 0 shows a new version without them. */
    @Param({"2"})
    public int spareContexts;

    private GraalJsExecutor executor;
    private Context bareJson;
    private Context bareCpu;
    private Value bareJsonDriver;
    private Value bareCpuDriver;
    private Engine sharedEngine;
    private Context sharedJson;
    private Context sharedCpu;
    private Value sharedJsonDriver;
    private Value sharedCpuDriver;
    private int version;
    private int libraryVersion;

    @Setup(Level.Trial)
    public void start() throws ReflectiveOperationException {
        executor = new GraalJsExecutor(defaults(GraalJsExecutor.Config.class, Map.of("spareContexts", spareContexts)));
        // Every toolbelt module the distribution registers, so a new context evaluates all their facades.
        BenchToolbelt.register(executor);
        bareJson = Context.create("js");
        bareJson.eval("js", JSON_FUNCTION);
        bareJsonDriver = bareJson.eval(Source.create("js", DRIVER));
        bareCpu = Context.create("js");
        bareCpu.eval("js", CPU_FUNCTION);
        bareCpuDriver = bareCpu.eval(Source.create("js", DRIVER));
        sharedEngine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        sharedJson = Context.newBuilder("js").engine(sharedEngine).build();
        sharedJson.eval("js", JSON_FUNCTION);
        sharedJsonDriver = sharedJson.eval(Source.create("js", DRIVER));
        sharedCpu = Context.newBuilder("js").engine(sharedEngine).build();
        sharedCpu.eval("js", CPU_FUNCTION);
        sharedCpuDriver = sharedCpu.eval(Source.create("js", DRIVER));
        check(executor.execute(request("json@1", JSON_FUNCTION, JSON_INPUT)));
        if (!bareJsonDriver.execute(JSON_INPUT).asString().equals(executor.execute(request("json@1", JSON_FUNCTION, JSON_INPUT)).resultJson())) {
            throw new IllegalStateException("the bare baseline and the executor disagree on the JSON function's result");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        executor.deactivate();
        bareJson.close();
        bareCpu.close();
        sharedJson.close();
        sharedCpu.close();
        sharedEngine.close();
    }

    /** A warm pooled call of the JSON function through the executor. */
    @Benchmark
    public String executorJson() {
        return check(executor.execute(request("json@1", JSON_FUNCTION, JSON_INPUT))).resultJson();
    }

    /**
     * The same warm call run on the calling thread, as a webhook's or LivePerson's gateway's request thread runs it: the
     * caller registers a {@link CallerRescue} (someone who can answer it if the run cannot be stopped) and calls
     * {@code execute}, which then runs the function on this thread (runOnCallingThread) with the same watchdog, limits
     * and CPU accounting as on a worker. The difference to {@link #executorJson} is what the hand-over to a worker and
     * back costs. (Until the seventh run this measured the executor's warm-up path, without the CPU accounting.)
     */
    @Benchmark
    public String executorJsonOnCallingThread() {
        CallerRescue rescue = new CallerRescue(answer -> { });
        return check(rescue.call(() -> executor.execute(request("json@1", JSON_FUNCTION, JSON_INPUT)))).resultJson();
    }

    /** The same JSON function called with a bare {@code Value.execute}. */
    @Benchmark
    public String bareJson() {
        return bareJsonDriver.execute(JSON_INPUT).asString();
    }

    /**
     * The same JSON function with a bare {@code Value.execute} in a context of an engine shared by two contexts,
     * as the executor's engine is: the difference to {@link #bareJson} is the cost of engine sharing itself.
     */
    @Benchmark
    public String bareJsonSharedEngine() {
        return sharedJsonDriver.execute(JSON_INPUT).asString();
    }

    /** The CPU-bound function with a bare {@code Value.execute} on an engine shared by two contexts. */
    @Benchmark
    public String bareCpuSharedEngine() {
        return sharedCpuDriver.execute(CPU_INPUT).asString();
    }

    /** Two threads calling the JSON function through the executor at once (time per call and thread). */
    @Benchmark
    @Threads(2)
    public String executorJsonTwoThreads() {
        return check(executor.execute(request("json@1", JSON_FUNCTION, JSON_INPUT))).resultJson();
    }

    /** A warm call of the CPU-bound function through the executor. */
    @Benchmark
    public String executorCpu() {
        return check(executor.execute(request("cpu@1", CPU_FUNCTION, CPU_INPUT))).resultJson();
    }

    /** The same CPU-bound function with a bare {@code Value.execute}. */
    @Benchmark
    public String bareCpu() {
        return bareCpuDriver.execute(CPU_INPUT).asString();
    }

    /**
     * The first call of a new version of the JSON function on the warm engine: a new context, the prelude, the
     * new code parsed and run once, and the previous version's context closed.
     */
    /**
     * Before each first-call operation, waits (outside the measured time) until the executor has a spare context
     * ready, as it has when new versions arrive at the pace of deployments rather than back to back.
     */
    @State(Scope.Thread)
    public static class SpareReady {
        @Setup(Level.Invocation)
        public void awaitSpare(ExecutorBenchmark benchmark) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (benchmark.spareContexts > 0 && benchmark.executor.spareContexts() == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    @Benchmark
    public String firstCallOfANewVersion(SpareReady ready) {
        int next = ++version;
        return check(executor.execute(request("versions@" + next, JSON_FUNCTION + "\n// version " + next, JSON_INPUT))).resultJson();
    }

    /**
     * The first call of a new version of a function that requires lodash and luxon: as {@link #firstCallOfANewVersion},
     * plus both libraries' module code run in the new context (their sources are parsed once per engine).
     */
    @Benchmark
    public String firstCallOfANewVersionWithLibraries(SpareReady ready) {
        int next = ++libraryVersion;
        return check(executor.execute(request("libraries@" + next, LIBRARY_FUNCTION + "\n// version " + next, JSON_INPUT))).resultJson();
    }

    private static ExecutionRequest request(String codeId, String code, String input) {
        return new ExecutionRequest("bench", "acme", codeId.substring(0, codeId.indexOf('@')), codeId, code, input, Map.of(),
                List.of(), Duration.ofSeconds(30));
    }

    private static ExecutionResult check(ExecutionResult result) {
        if (result.outcome() != Outcome.OK) {
            throw new IllegalStateException("benchmark function failed: " + result.error());
        }
        return result;
    }

    private static String jsonInput() {
        StringBuilder transcript = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            transcript.append(i == 0 ? "" : ",").append("{\"by\":\"").append(i % 2 == 0 ? "consumer" : "agent")
                    .append("\",\"text\":\"  message number ").append(i).append(" about the order and its delivery  \"}");
        }
        return "{\"payload\":{\"conversationId\":\"c5a1f1b2-8d3e-4f60-9c1a-2b3c4d5e6f70\",\"skillId\":\"1234567\","
                + "\"transcript\":[" + transcript + "]},\"headers\":[{\"key\":\"x-request-id\",\"value\":\"r-1\"}]}";
    }

    /** A configuration annotation whose attributes all have their declared defaults, but for {@code overrides}. */
    static <A> A defaults(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            throw new UnsupportedOperationException(method.getName());
        }));
    }
}
