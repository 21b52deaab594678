package io.switchboard.camel.internal.results;

import io.switchboard.core.api.dispatch.AsyncOutcomeListener;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Objects;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers {@code event-results:} listeners as {@link AsyncOutcomeListener} services in the context of the bundle that
 * owns the routes, so they go with that bundle.
 */
public final class ServiceOutcomeListenerRegistry implements OutcomeListenerRegistry {

    private final Bundle bundle;

    public ServiceOutcomeListenerRegistry(Bundle bundle) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
    }

    @Override
    public Registration register(String eventTypeId, AsyncOutcomeListener listener) {
        BundleContext bundleContext = bundle.getBundleContext();
        if (bundleContext == null) {
            throw new IllegalStateException("Bundle " + bundle.getSymbolicName() + " is not active: its event-results:" + eventTypeId
                    + " route cannot listen to the core");
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(AsyncOutcomeListener.EVENT_TYPE_ID, eventTypeId);
        ServiceRegistration<AsyncOutcomeListener> registration = bundleContext.registerService(AsyncOutcomeListener.class, listener, properties);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The bundle stopped first and the framework unregistered it: nothing left to do.
            }
        };
    }
}
