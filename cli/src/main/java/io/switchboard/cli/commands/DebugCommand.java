package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cli.Environment;
import io.switchboard.cli.Profile;
import io.switchboard.cli.local.LocalRun;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sbf debug fn}: the local run with GraalJS's Chrome DevTools inspector. The engine waits for DevTools to attach,
 * then runs the function with a one-hour timeout, so that it can stand at a breakpoint ({@code debugger;} statement).
 */
@Command(name = "debug", description = "Run a function locally with the Chrome DevTools inspector on a port; stops at 'debugger;' statements.")
public final class DebugCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "fn")
    String name;

    @Option(names = {"-p", "--port"}, defaultValue = "30500", description = "Inspector port (default 30500, as lpf's range 30500-31000).")
    int port;

    public DebugCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        // GraalJS reads engine options from polyglot.* system properties when the engine is built; they are cleared after
        // the run so that nothing else in this JVM starts an inspector.
        Map<String, String> inspector = Map.of("polyglot.inspect", Integer.toString(port), "polyglot.inspect.Path", "sbf-" + name,
                "polyglot.inspect.WaitAttached", "true", "polyglot.inspect.Suspend", "false");
        inspector.forEach(System::setProperty);
        // On stderr, so that -o json prints only the answer.
        environment.err().println("Open in Chrome: devtools://devtools/bundled/js_app.html?ws=127.0.0.1:" + port + "/sbf-" + name);
        environment.err().println("(waiting for the debugger to attach; put 'debugger;' where the run should stop)");
        environment.err().flush();
        String account = profiles().find(profile).map(Profile::account).orElse("local");
        InvokeCommand printer = new InvokeCommand(environment);
        printer.format = format;
        printer.local = true;
        ObjectNode answer;
        try {
            answer = LocalRun.run(project(), name, account, Map.of("maxTimeoutMillis", 3_600_000L, "allocationBudgetMegabytes", 0L),
                    Duration.ofHours(1));
        } finally {
            inspector.keySet().forEach(System::clearProperty);
        }
        printer.print(answer);
        return "OK".equals(answer.path("outcome").asText()) ? 0 : 1;
    }
}
