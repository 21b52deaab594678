package io.switchboard.core.internal.invocation;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

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
 * failures, runs that logged and a sample of the rest. Every run still counts in the per-minute rollup behind the
 * reports and in the metrics, whatever this decides. A configuration of its own, applied live ({@code @Modified}), so
 * switching the policy restarts nothing.
 */
@Component(service = RecordPolicy.class, configurationPid = RecordPolicy.PID)
@Designate(ocd = RecordPolicy.Config.class)
public final class RecordPolicy {

    public static final String PID = "io.switchboard.core.recordpolicy";

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
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecordPolicy.class);

    private record Settings(Policy policy, double sampleRate) {
        static Settings of(Config config) {
            double rate = Double.isNaN(config.sampleRate()) ? 0 : Math.max(0, Math.min(1, config.sampleRate()));
            return new Settings(config.policy() == null ? Policy.ALL : config.policy(), rate);
        }
    }

    private final DoubleSupplier random;
    private volatile Settings settings;

    @Activate
    public RecordPolicy(Config config) {
        this(config, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random draws the sample, uniformly in [0, 1) */
    RecordPolicy(Config config, DoubleSupplier random) {
        this.random = random;
        this.settings = Settings.of(config);
    }

    /** The default policy: every run keeps its record (outside a framework, and for the tests of other classes). */
    static RecordPolicy all() {
        return new RecordPolicy(new Settings(Policy.ALL, 0), () -> 0);
    }

    private RecordPolicy(Settings settings, DoubleSupplier random) {
        this.random = random;
        this.settings = settings;
    }

    @Modified
    void modified(Config config) {
        Settings changed = Settings.of(config);
        if (!changed.equals(settings)) {
            settings = changed;
            LOG.info("Invocation record policy is now {} (sample rate {})", changed.policy(), changed.sampleRate());
        }
    }

    /**
     * Whether the run's record is stored in full.
     *
     * @param stored the record as it would be stored (its log lines already without those that are not stored)
     */
    public boolean keepsInFull(InvocationRecord stored) {
        Settings current = settings;
        if (current.policy() == Policy.ALL || stored.outcome() != Outcome.OK || !stored.logs().isEmpty()
                || stored.trigger() == Trigger.MANUAL) {
            return true;
        }
        return current.sampleRate() > 0 && random.getAsDouble() < current.sampleRate();
    }

    /** The policy in force, for messages and tests. */
    public Policy policy() {
        return settings.policy();
    }
}
