package io.switchboard.core.internal.observe;

import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.log.SafeText;
import io.switchboard.core.api.observe.PlatformObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard of {@link PlatformObserver}s, itself one observer that tells them all: dispatch calls this one, so it
 * neither tracks services nor guards against a failing observer itself.
 */
@Component(service = PlatformObservers.class)
public final class PlatformObservers implements PlatformObserver {

    /** Tells nobody: for dispatch built outside a framework (tests) and while this component is not there. */
    public static final PlatformObserver NONE = new PlatformObserver() { };

    private static final Logger LOG = LoggerFactory.getLogger(PlatformObservers.class);

    private final List<PlatformObserver> observers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addObserver(PlatformObserver observer) {
        observers.add(observer);
    }

    public void removeObserver(PlatformObserver observer) {
        observers.remove(observer);
    }

    /** An observer that tells whatever {@code current} gives at the time of each call ({@link #NONE} for null). */
    public static PlatformObserver current(Supplier<? extends PlatformObserver> current) {
        return new PlatformObserver() {
            @Override
            public void invocationStarted(String invocationId, String account, String functionId) {
                of(current).invocationStarted(invocationId, account, functionId);
            }

            @Override
            public void invocationFinished(InvocationRecord record) {
                of(current).invocationFinished(record);
            }

            @Override
            public void capacityExceeded(String account, String functionId) {
                of(current).capacityExceeded(account, functionId);
            }

            @Override
            public void quarantined(String account, String functionId) {
                of(current).quarantined(account, functionId);
            }
        };
    }

    private static PlatformObserver of(Supplier<? extends PlatformObserver> current) {
        PlatformObserver observer = current.get();
        return observer == null ? NONE : observer;
    }

    @Override
    public void invocationStarted(String invocationId, String account, String functionId) {
        tell("invocationStarted", o -> o.invocationStarted(invocationId, account, functionId));
    }

    @Override
    public void invocationFinished(InvocationRecord record) {
        tell("invocationFinished", o -> o.invocationFinished(record));
    }

    @Override
    public void capacityExceeded(String account, String functionId) {
        tell("capacityExceeded", o -> o.capacityExceeded(account, functionId));
    }

    @Override
    public void quarantined(String account, String functionId) {
        tell("quarantined", o -> o.quarantined(account, functionId));
    }

    private void tell(String what, Consumer<PlatformObserver> call) {
        for (PlatformObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                // One observer's fault must not fail a run nor keep the others from hearing of it.
                LOG.warn("Platform observer {} failed on {}: {}", observer.getClass().getName(), what, SafeText.of(e));
                LOG.debug("Platform observer failure", e);
            }
        }
    }
}
