package io.switchboard.camel.internal.results;

import io.switchboard.core.api.dispatch.SettledEventListener;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Objects;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers {@code event-results:} listeners as {@link SettledEventListener} services in the context of the bundle that
 * owns the routes, so they go with that bundle.
 */
public final class ServiceListenerRegistry implements ListenerRegistry {

    private final Bundle bundle;

    public ServiceListenerRegistry(Bundle bundle) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
    }

    @Override
    public Registration register(String eventTypeId, SettledEventListener listener) {
        BundleContext bundleContext = bundle.getBundleContext();
        if (bundleContext == null) {
            throw new IllegalStateException("Bundle " + bundle.getSymbolicName() + " is not active: its event-results:" + eventTypeId
                    + " route cannot listen to the core");
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(SettledEventListener.EVENT_TYPE_ID, eventTypeId);
        ServiceRegistration<SettledEventListener> registration = bundleContext.registerService(SettledEventListener.class, listener, properties);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The bundle stopped first and the framework unregistered it: nothing left to do.
            }
        };
    }
}
