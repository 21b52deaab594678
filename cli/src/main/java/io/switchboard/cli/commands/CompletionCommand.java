package io.switchboard.cli.commands;

import io.switchboard.cli.Environment;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sbf completion bash|zsh}: picocli's completion script (zsh runs it through bashcompinit). */
@Command(name = "completion", description = "Print the shell completion script: source <(sbf completion bash) (zsh: the same, after "
        + "'autoload -U +X bashcompinit && bashcompinit').")
public final class CompletionCommand implements java.util.concurrent.Callable<Integer> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "bash", paramLabel = "shell", description = "bash or zsh")
    String shell;

    public CompletionCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        environment.out().print(AutoComplete.bash("sbf", spec.root().commandLine()));
        environment.out().flush();
        return 0;
    }
}
