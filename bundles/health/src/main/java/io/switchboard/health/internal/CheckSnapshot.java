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
 * @param name the check's name (the service property's value)
 * @param problems one line per problem; empty when healthy
 */
record CheckSnapshot(String name, List<String> problems) {

    /** The service property that marks a {@code Supplier} service as a health check and names it. */
    static final String PROPERTY = "switchboard.health.check";

    CheckSnapshot {
        problems = List.copyOf(problems);
    }

    /** Runs the check; a check that throws or answers something else than a collection is a problem itself. */
    static CheckSnapshot of(String name, Supplier<?> check) {
        Object answer;
        try {
            answer = check.get();
        } catch (RuntimeException e) {
            return new CheckSnapshot(name, List.of("the check failed: " + e));
        }
        if (answer == null) {
            return new CheckSnapshot(name, List.of());
        }
        if (!(answer instanceof Collection<?> collection)) {
            return new CheckSnapshot(name, List.of("the check answered a " + answer.getClass().getName()
                    + " instead of a collection of problems"));
        }
        List<String> problems = new ArrayList<>();
        collection.forEach(p -> problems.add(String.valueOf(p)));
        return new CheckSnapshot(name, problems);
    }

    boolean healthy() {
        return problems.isEmpty();
    }
}
