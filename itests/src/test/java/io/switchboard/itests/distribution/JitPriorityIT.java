package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * bin/switchboard's SWITCHBOARD_JIT_PRIORITY (docs/configuration.md): as root, by default, HotSpot's compiler threads
 * run at a higher OS priority than the threads serving events; {@code off} leaves every thread at the same priority.
 * Read from the running JVM's threads in /proc.
 */
class JitPriorityIT {

    private static final Path WORK = Path.of(System.getProperty("switchboard.itest.work"), "jit-priority");

    @Test
    void byDefaultTheCompilerThreadsRunAboveTheThreadsServingEventsWhenTheUserMayRaiseThem() throws Exception {
        try (Installation installation = Installation.copy(WORK)) {
            assertThat(installation.run("start").exitCode()).isZero();
            // "start" returns once HTTP answers; /health turns 200 when every check is up, which a loaded machine may take longer for.
            Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);

            Map<String, Integer> nice = niceByThread(installation.pid());

            // Nice values relative to the threads serving events: the process may itself start at another nice value.
            int http = httpThreads(nice);
            if (isRoot()) {
                assertThat(nice.get("C2 CompilerThre")).isLessThan(http);
                assertThat(nice.get("C1 CompilerThre")).isLessThan(http);
            } else {
                // Without the right to raise a priority the option is off by default: everything at the same priority.
                assertThat(nice.get("C2 CompilerThre")).isEqualTo(http);
            }
            assertThat(Files.readString(installation.home.resolve("logs/console.log"))).doesNotContain("VM warning");
        }
    }

    @Test
    void offLeavesTheCompilerThreadsAtTheSamePriority() throws Exception {
        try (Installation installation = Installation.copy(WORK)) {
            Installation.Result start = installation.run("start", Map.of("SWITCHBOARD_JIT_PRIORITY", "off"), Duration.ofSeconds(120));
            assertThat(start.exitCode()).as(start.output()).isZero();

            Map<String, Integer> nice = niceByThread(installation.pid());
            assertThat(nice.get("C2 CompilerThre")).isEqualTo(httpThreads(nice));
            assertThat(nice.get("C1 CompilerThre")).isEqualTo(httpThreads(nice));
        }
    }

    @Test
    void refusesAValueItDoesNotKnowWithOneLine() throws Exception {
        try (Installation installation = Installation.copy(WORK)) {
            Installation.Result result = installation.run("run", Map.of("SWITCHBOARD_JIT_PRIORITY", "high"), Duration.ofSeconds(60));

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output().strip()).isEqualTo("switchboard: SWITCHBOARD_JIT_PRIORITY must be auto, on or off, not 'high'");
        }
    }

    /** The nice value of Jetty's request threads (the most common one: the acceptor may run a little lower). */
    private static int httpThreads(Map<String, Integer> nice) {
        return nice.entrySet().stream().filter(e -> e.getKey().startsWith("qtp")).map(Map.Entry::getValue)
                .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.stream.Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow(() -> new AssertionError("no Jetty threads: " + nice))
                .getKey();
    }

    /** The nice value of each thread of the process, by thread name (the lowest value, i.e. the highest priority, where several threads share a name). */
    private static Map<String, Integer> niceByThread(long pid) throws IOException {
        Map<String, Integer> nice = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
                // fields from the state on: the state is field 3 of proc(5), nice is field 19
                nice.merge(name, Integer.parseInt(fields.get(16)), Math::min);
            }
        }
        return nice;
    }

    private static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[1].equals("0"));
    }
}
