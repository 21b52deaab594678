package io.switchboard.health.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * What one contributed health check reported: a bundle registers a {@code java.util.function.Supplier} whose
 * {@code get()} returns a collection of problems (empty when healthy), with the service property
 * {@value #PROPERTY} naming the check. JDK types only, so any bundle can contribute without an API dependency.
 *
 * <p>With {@value #SEVERITY}{@code =warning} the check's problems are listed as warnings: shown to the admin, without
 * making the platform DOWN (e.g. a configuration value that was refused while the component runs on its previous one).
 *
 * @param name the check's name (the service property's value)
 * @param problems one line per problem; empty when healthy
 * @param critical whether a problem makes the platform DOWN (else it is a warning)
 */
record CheckSnapshot(String name, List<String> problems, boolean critical) {

    /** The service property that marks a {@code Supplier} service as a health check and names it. */
    static final String PROPERTY = "switchboard.health.check";
    /** Optional service property: {@code warning} for a check whose problems do not make the platform DOWN. */
    static final String SEVERITY = "switchboard.health.severity";

    CheckSnapshot {
        problems = List.copyOf(problems);
    }

    CheckSnapshot(String name, List<String> problems) {
        this(name, problems, true);
    }

    /** Runs the check; a check that throws or answers something else than a collection is a problem itself. */
    static CheckSnapshot of(String name, Supplier<?> check, boolean critical) {
        Object answer;
        try {
            answer = check.get();
        } catch (RuntimeException e) {
            return new CheckSnapshot(name, List.of("the check failed: " + e), critical);
        }
        if (answer == null) {
            return new CheckSnapshot(name, List.of(), critical);
        }
        if (!(answer instanceof Collection<?> collection)) {
            return new CheckSnapshot(name, List.of("the check answered a " + answer.getClass().getName()
                    + " instead of a collection of problems"), critical);
        }
        List<String> problems = new ArrayList<>();
        collection.forEach(p -> problems.add(String.valueOf(p)));
        return new CheckSnapshot(name, problems, critical);
    }

    static CheckSnapshot of(String name, Supplier<?> check) {
        return of(name, check, true);
    }

    boolean healthy() {
        return problems.isEmpty();
    }

    /** UP, DOWN, or WARN for a warning check with problems. */
    String status() {
        return healthy() ? "UP" : critical ? "DOWN" : "WARN";
    }
}
