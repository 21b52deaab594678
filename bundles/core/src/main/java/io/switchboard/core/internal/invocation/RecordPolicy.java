package io.switchboard.core.internal.invocation;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;

/**
 * Which runs keep a full invocation record (issue 18 "Records"). By default every run does; an operator may keep only
 * failures, runs that logged and a sample of the rest. Whatever the policy, of the refusals of a quarantined function
 * (not runs: no code ran) only the first in each {@code refusalRecordSeconds} keeps a full record ({@link RefusalRecords}).
 * Every run and refusal still counts in the per-minute rollup behind the reports and in the metrics, whatever this
 * decides. A configuration of its own, applied live ({@code @Modified}), so switching the policy restarts nothing.
 */
@Component(service = RecordPolicy.class, configurationPid = RecordPolicy.PID)
@Designate(ocd = RecordPolicy.Config.class)
public final class RecordPolicy {

    public static final String PID = "io.switchboard.core.recordpolicy";

    /** The error code of a run refused because its function is quarantined and the quarantine's slots or budget are used up. */
    public static final String QUARANTINED = "com.switchboard.dispatch.quarantined";

    /** The runs whose record is stored in full. */
    public enum Policy {
        /** Every run (the default). */
        ALL,
        /** Runs that did not end OK, runs that logged (as stored), manual test runs, and a sample of the others. */
        FAILURES_LOGGED_SAMPLE
    }

    /** Which runs keep a full record. */
    @ObjectClassDefinition(name = "Switchboard invocation record policy", description = "Which runs keep a full invocation record; "
            + "every run counts in the reports and metrics whatever the policy")
    public @interface Config {
        @AttributeDefinition(description = "ALL: every run keeps its record. FAILURES_LOGGED_SAMPLE: failed runs, runs that "
                + "logged, manual test runs and a sample (sampleRate) of the other runs keep theirs")
        Policy policy() default Policy.ALL;

        @AttributeDefinition(description = "Share (0 to 1) of the successful runs without log lines that keep their record "
                + "under FAILURES_LOGGED_SAMPLE", min = "0", max = "1")
        double sampleRate() default 0.01;

        @AttributeDefinition(description = "Of the refusals of a quarantined function (REJECTED com.switchboard.dispatch.quarantined: "
                + "no code ran), only the first in each this many seconds keeps a full record, under every policy; the others "
                + "are only counted in the reports and metrics. 0: every refusal keeps its record", min = "0", max = "3600")
        int refusalRecordSeconds() default 1;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecordPolicy.class);

    private record Settings(Policy policy, double sampleRate, int refusalRecordSeconds) {
        static Settings of(Config config) {
            double rate = Double.isNaN(config.sampleRate()) ? 0 : Math.max(0, Math.min(1, config.sampleRate()));
            return new Settings(config.policy() == null ? Policy.ALL : config.policy(), rate, Math.max(0, config.refusalRecordSeconds()));
        }
    }

    /** The settings with the refusal windows they shape: replaced together, so a changed window starts afresh. */
    private record Current(Settings settings, RefusalRecords refusals) {
    }

    private final DoubleSupplier random;
    private final LongSupplier nowMillis;
    private volatile Current current;

    @Activate
    public RecordPolicy(Config config) {
        this(config, () -> ThreadLocalRandom.current().nextDouble(), System::currentTimeMillis);
    }

    /** @param random draws the sample, uniformly in [0, 1) */
    RecordPolicy(Config config, DoubleSupplier random) {
        this(config, random, System::currentTimeMillis);
    }

    /**
     * @param random draws the sample, uniformly in [0, 1)
     * @param nowMillis the clock of the refusal windows
     */
    RecordPolicy(Config config, DoubleSupplier random, LongSupplier nowMillis) {
        this(Settings.of(config), random, nowMillis);
    }

    /** The default policy: every run keeps its record (outside a framework, and for the tests of other classes). */
    static RecordPolicy all() {
        return new RecordPolicy(new Settings(Policy.ALL, 0, 1), () -> 0, System::currentTimeMillis);
    }

    private RecordPolicy(Settings settings, DoubleSupplier random, LongSupplier nowMillis) {
        this.random = random;
        this.nowMillis = nowMillis;
        this.current = current(settings);
    }

    private Current current(Settings settings) {
        return new Current(settings, new RefusalRecords(settings.refusalRecordSeconds(), nowMillis));
    }

    @Modified
    void modified(Config config) {
        Settings changed = Settings.of(config);
        if (!changed.equals(current.settings())) {
            current = current(changed);
            LOG.info("Invocation record policy is now {} (sample rate {}, one full record per quarantined function's refusals in {} s)",
                    changed.policy(), changed.sampleRate(), changed.refusalRecordSeconds());
        }
    }

    /**
     * Whether the run's record is stored in full.
     *
     * @param stored the record as it would be stored (its log lines already without those that are not stored)
     */
    public boolean keepsInFull(InvocationRecord stored) {
        Current now = current;
        if (RefusalRecords.isRefusal(stored)) {
            return now.refusals().keepsInFull(stored.functionId());
        }
        Settings current = now.settings();
        if (current.policy() == Policy.ALL || stored.outcome() != Outcome.OK || !stored.logs().isEmpty()
                || stored.trigger() == Trigger.MANUAL) {
            return true;
        }
        return current.sampleRate() > 0 && random.getAsDouble() < current.sampleRate();
    }

    /** The policy in force, for messages and tests. */
    public Policy policy() {
        return current.settings().policy();
    }
}
