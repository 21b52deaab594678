package io.switchboard.core.internal.observe;

import io.switchboard.core.api.observe.PlatformObserver;
import io.switchboard.core.internal.dispatch.DispatcherImpl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code quarantine} health check (a warning): which functions are quarantined now and until when. Before, a
 * quarantine was visible only in the log. It hears of quarantines as an observer and keeps each for the configured
 * {@code quarantineSeconds} of dispatch (the same configuration), the time dispatch keeps it.
 */
@Component(service = {PlatformObserver.class, Supplier.class}, configurationPid = DispatcherImpl.PID,
        property = {"switchboard.health.check=quarantine", "switchboard.health.severity=warning"})
public final class QuarantineWatch implements PlatformObserver, Supplier<List<String>> {

    private record Quarantined(String account, String functionId, Instant until) {
    }

    private final Duration duration;
    private final Clock clock;
    private final Map<String, Quarantined> functions = new ConcurrentHashMap<>();

    @Activate
    public QuarantineWatch(DispatcherImpl.Config config) {
        this(Duration.ofSeconds(config.quarantineSeconds()), Clock.systemUTC());
    }

    QuarantineWatch(Duration duration, Clock clock) {
        this.duration = duration;
        this.clock = clock;
    }

    @Override
    public void quarantined(String account, String functionId) {
        functions.put(functionId, new Quarantined(account, functionId, clock.instant().plus(duration)));
    }

    @Override
    public List<String> get() {
        Instant now = clock.instant();
        functions.values().removeIf(q -> !q.until().isAfter(now));
        return functions.values().stream().sorted(Comparator.comparing(Quarantined::until))
                .map(q -> "function " + q.functionId() + " of account " + q.account() + " is quarantined until " + q.until()
                        + " (the executor stopped it while it kept its thread busy on CPU; its runs share the quarantine's slots)")
                .toList();
    }
}
