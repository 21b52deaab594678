package io.switchboard.core.internal.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose tests use {@link TestDatabase}: the build runs these classes a second time on PostgreSQL
 * (surefire execution {@code postgresql} of the core's pom, tag {@value #TAG}), skipped with a warning when no
 * PostgreSQL is reachable, and failed when none is under {@code CI=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(DatabaseTest.TAG)
@ExtendWith(PostgresAvailable.class)
public @interface DatabaseTest {
    String TAG = "database";
}
