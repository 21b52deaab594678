package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.switchboard.core.api.dispatch.AsyncOutcomeListener;
import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.DeadLetters;
import io.switchboard.core.api.dispatch.SettledEventListener;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.internal.db.DataFolder;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.function.DeployedFunctions;

/**
 * Asynchronous events: the persisted, cluster-safe queue ({@link AsyncQueue}) that accepts them, runs their tasks and
 * settles them, the listeners told about outcomes and settled events, and the dead letters. Its keys of
 * {@code io.switchboard.core.dispatch} ({@code async*}, {@code taskLeaseSeconds}) apply live ({@code @Modified}), so a
 * change neither restarts the dispatcher nor what depends on it (the REST API, the event sources' routes).
 * Also the "async-queue" health check: a Supplier of problems (a dead accept writer).
 */
@Component(service = {AsyncTasks.class, DeadLetters.class, Supplier.class}, configurationPid = DispatcherImpl.PID,
        property = "switchboard.health.check=async-queue")
public final class AsyncTasks implements DeadLetters, Supplier<List<String>> {

    private final AsyncQueue queue;
    private final DeadLetterOffice deadLetters;
    private final EventTypeListeners<AsyncOutcomeListener> outcomeListeners = new EventTypeListeners<>();
    private final EventTypeListeners<SettledEventListener> settledListeners = new EventTypeListeners<>();

    @Activate
    public AsyncTasks(@Reference FunctionRuns runs, @Reference Database database, @Reference DeployedFunctions functions,
            @Reference EventCatalog catalog, DispatcherImpl.Config config, BundleContext context) {
        this(runs, database, functions, catalog, config, Clock.systemUTC(), InstanceName.of(DataFolder.of(context)));
    }

    AsyncTasks(FunctionRuns runs, Database database, DeployedFunctions functions, EventCatalog catalog, DispatcherImpl.Config config,
            Clock clock, String instanceName) {
        AsyncTaskRepository repository = new AsyncTaskRepository();
        EventSettlement settlement = new EventSettlement(database, catalog, settledListeners);
        this.queue = new AsyncQueue(database, functions, runs.runner(), () -> runs.executor() != null, runs.limiter(), catalog,
                settings(config), clock, outcomeListeners, repository, settlement, instanceName);
        this.deadLetters = new DeadLetterOffice(database, repository, functions, queue, clock);
        queue.start();
    }

    private static AsyncQueue.Settings settings(DispatcherImpl.Config config) {
        return new AsyncQueue.Settings(config.asyncWorkers(), Duration.ofMillis(config.asyncBackoffMs()),
                Duration.ofMillis(config.asyncMaxBackoffMs()), Duration.ofMillis(config.asyncCapacityRetryMs()),
                Duration.ofMillis(config.asyncPollingMillis()), Duration.ofSeconds(config.taskLeaseSeconds()));
    }

    @Modified
    void modified(DispatcherImpl.Config config) {
        queue.reconfigure(settings(config));
    }

    @Deactivate
    public void close() {
        queue.stop();
    }

    /** Stores the event and its tasks (one per selected function); returns once they are durable. */
    /** For tests: see {@link AsyncQueue#stopClaiming()}. */
    void stopClaiming() {
        queue.stopClaiming();
    }

    void accept(AsyncEvent event, List<DeployedFunction> selected, String idempotencyKey) {
        queue.accept(event, selected, idempotencyKey);
    }

    /** Longest time from an instance's death to another one running its asynchronous tasks. */
    Duration takeoverWithin() {
        return queue.takeoverWithin();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindAsyncOutcomeListener(AsyncOutcomeListener listener, ServiceReference<AsyncOutcomeListener> reference) {
        addAsyncOutcomeListener(listener, reference.getProperty(AsyncOutcomeListener.EVENT_TYPE_ID));
    }

    void unbindAsyncOutcomeListener(AsyncOutcomeListener listener) {
        outcomeListeners.remove(listener);
    }

    /** Adds a listener with its {@value AsyncOutcomeListener#EVENT_TYPE_ID} property (null: every type); SCR binds through this too. */
    void addAsyncOutcomeListener(AsyncOutcomeListener listener, Object eventTypes) {
        outcomeListeners.add(listener, eventTypes);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindSettledEventListener(SettledEventListener listener, ServiceReference<SettledEventListener> reference) {
        addSettledEventListener(listener, reference.getProperty(SettledEventListener.EVENT_TYPE_ID));
    }

    void unbindSettledEventListener(SettledEventListener listener) {
        settledListeners.remove(listener);
    }

    /** Adds a listener with its {@value SettledEventListener#EVENT_TYPE_ID} property (null: every type); SCR binds through this too. */
    void addSettledEventListener(SettledEventListener listener, Object eventTypes) {
        settledListeners.add(listener, eventTypes);
    }

    /** The health check: the accept writer must live. */
    @Override
    public List<String> get() {
        return queue.problems();
    }

    @Override
    public Page<DeadLetterInfo> list(String account, int page, int size) {
        return deadLetters.list(account, page, size);
    }

    @Override
    public DeadLetterInfo retry(String account, String taskId) {
        return deadLetters.retry(account, taskId);
    }
}
