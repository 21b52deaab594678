package io.switchboard.cli.commands;

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
        // GraalJS reads engine options from polyglot.* system properties when the engine is built.
        System.setProperty("polyglot.inspect", "127.0.0.1:" + port);
        System.setProperty("polyglot.inspect.Path", "sbf-" + name);
        System.setProperty("polyglot.inspect.Secure", "false");
        System.setProperty("polyglot.inspect.WaitAttached", "true");
        System.setProperty("polyglot.inspect.Suspend", "false");
        output.line("Open in Chrome: devtools://devtools/bundled/js_app.html?ws=127.0.0.1:" + port + "/sbf-" + name);
        output.line("(waiting for the debugger to attach; put 'debugger;' where the run should stop)");
        environment.out().flush();
        String account = profiles().find(profile).map(Profile::account).orElse("local");
        InvokeCommand printer = new InvokeCommand(environment);
        printer.format = format;
        printer.local = true;
        var answer = LocalRun.run(project(), name, account, Map.of("maxTimeoutMillis", 3_600_000L, "allocationBudgetMegabytes", 0L),
                Duration.ofHours(1));
        printer.print(answer);
        return "OK".equals(answer.path("outcome").asText()) ? 0 : 1;
    }
}
