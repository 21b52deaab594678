package io.switchboard.cli.commands;

import io.switchboard.cli.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Asks a yes/no question on the terminal; no answer (end of input) is no. */
final class Confirm {
    private Confirm() {
    }

    static boolean ask(Environment environment, String question) {
        environment.out().print(question + " [y/N] ");
        environment.out().flush();
        try {
            String answer = environment.in().readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
