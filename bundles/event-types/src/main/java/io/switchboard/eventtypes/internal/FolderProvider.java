package io.switchboard.eventtypes.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import io.switchboard.eventtypes.api.EventTypeFolder;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The catalogue entry of one folder: an {@link EventTypeProvider} service registered in the context of the bundle that
 * ships the folder, whose definition carries the retries in force (the folder's, or its family configuration's).
 */
final class FolderProvider implements EventTypeProvider {

    /** Service property naming the folder a provider was read from. */
    static final String FOLDER = "switchboard.event.type.folder";
    /** Service property that changes whenever the definition does, so the catalogue fetches it again. */
    static final String REVISION = "switchboard.event.type.revision";

    private final EventTypeFolder folder;
    private volatile EventTypeDefinition definition;
    private ServiceRegistration<EventTypeProvider> registration;
    private long revision;

    FolderProvider(EventTypeFolder folder, Integer retries) {
        this.folder = folder;
        this.definition = withRetries(folder.definition(), retries);
    }

    @Override
    public EventTypeDefinition definition() {
        return definition;
    }

    EventTypeFolder folder() {
        return folder;
    }

    void register(BundleContext context) {
        registration = context.registerService(EventTypeProvider.class, this, properties());
    }

    /** Applies the family's retries (null: the folder's own); tells the catalogue when the definition changed. */
    synchronized void applyRetries(Integer retries) {
        EventTypeDefinition next = withRetries(folder.definition(), retries);
        if (next.retries() == definition.retries()) {
            return;
        }
        definition = next;
        revision++;
        if (registration != null) {
            try {
                registration.setProperties(properties());
            } catch (IllegalStateException alreadyGone) {
                // The bundle stopped meanwhile: the framework unregistered the service, nothing to tell.
            }
        }
    }

    void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The bundle stopped first: the framework unregistered its services already.
            }
            registration = null;
        }
    }

    private Dictionary<String, Object> properties() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventTypeId.NAME, folder.definition().id());
        properties.put(FOLDER, folder.folder());
        properties.put(REVISION, revision);
        return properties;
    }

    static EventTypeDefinition withRetries(EventTypeDefinition d, Integer retries) {
        if (retries == null || retries == d.retries()) {
            return d;
        }
        return new EventTypeDefinition(d.id(), d.displayName(), d.description(), d.source(), d.defaultFunctionLimit(), d.supportsSkills(),
                d.mode(), d.selection(), retries, d.delivery(), d.payloadSchema(), d.samplePayload(), d.resultSchema(), d.webhookPath());
    }
}
