package io.switchboard.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.cli.Environment;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final StringWriter err = new StringWriter();

    private Environment environment(boolean terminal) {
        return new Environment(new PrintWriter(new StringWriter()), new PrintWriter(err), new BufferedReader(new StringReader("")),
                Path.of("."), Path.of("."), terminal);
    }

    @Test
    void aTerminalSeesACounterLineThatIsClearedAtTheEnd() {
        Progress progress = new Progress(environment(true), false, "push", 3);
        progress.next("a");
        progress.next("b");
        progress.clear();
        assertThat(err.toString()).isEqualTo("\r\u001b[2K[1/3] push a\r\u001b[2K[2/3] push b\r\u001b[2K");
    }

    @Test
    void pipesJsonAndASingleFunctionSeeNothing() {
        for (Progress progress : new Progress[] {new Progress(environment(false), false, "push", 3),
                new Progress(environment(true), true, "push", 3), new Progress(environment(true), false, "push", 1)}) {
            progress.next("a");
            progress.clear();
        }
        assertThat(err.toString()).isEmpty();
    }
}
