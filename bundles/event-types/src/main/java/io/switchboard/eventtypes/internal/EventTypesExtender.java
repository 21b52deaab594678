package io.switchboard.eventtypes.internal;

import io.switchboard.eventtypes.api.EventTypeFolder;
import io.switchboard.eventtypes.api.EventTypeFolders;
import io.switchboard.eventtypes.api.InvalidEventTypeFolderException;
import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extender for bundles that ship event types as data: a starting or active bundle with the
 * {@value EventTypeFolders#HEADER} header gets one {@code EventTypeProvider} service per {@code <id>/} folder,
 * registered in its own context (so the core's catalogue sees which bundle provides a type); when it stops, its types
 * leave the catalogue. A folder that cannot be read is logged at ERROR with what is wrong and left out; the bundle's
 * other folders count.
 */
@Component(immediate = true, service = {})
@Capability(namespace = "osgi.extender", name = EventTypeFolders.EXTENDER, version = "1.0.0")
public final class EventTypesExtender implements BundleTrackerCustomizer<List<FolderProvider>> {

    private static final Logger LOG = LoggerFactory.getLogger(EventTypesExtender.class);

    private final FamilySettings families;
    private final BundleTracker<List<FolderProvider>> tracker;

    @Activate
    public EventTypesExtender(BundleContext context) {
        this.families = new FamilySettings(context);
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, this);
        tracker.open();
    }

    @Deactivate
    void close() {
        tracker.close();
        families.close();
    }

    @Override
    public List<FolderProvider> addingBundle(Bundle bundle, BundleEvent event) {
        if (bundle.getHeaders("").get(EventTypeFolders.HEADER) == null) {
            return null;
        }
        BundleContext context = bundle.getBundleContext();
        if (context == null) {
            return null;
        }
        List<FolderProvider> providers = new ArrayList<>();
        for (String folder : EventTypeFolders.folders(bundle)) {
            EventTypeFolder read;
            try {
                read = EventTypeFolders.read(bundle, folder);
            } catch (InvalidEventTypeFolderException e) {
                LOG.error("Bundle {} {}: {}; the event type is left out of the catalogue until the bundle is fixed",
                        bundle.getSymbolicName(), bundle.getVersion(), e.getMessage());
                continue;
            }
            FolderProvider provider = new FolderProvider(read, null);
            if (read.configurationPid() != null) {
                provider.applyRetries(families.join(read.configurationPid(), provider));
            }
            provider.register(context);
            providers.add(provider);
        }
        LOG.info("Bundle {} {} provides {} event type(s) from its folders", bundle.getSymbolicName(), bundle.getVersion(), providers.size());
        return providers;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, List<FolderProvider> providers) {
        // STARTING -> ACTIVE: the same bundle and folders; an update stops it first (removed) and starts it again (added).
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, List<FolderProvider> providers) {
        for (FolderProvider provider : providers) {
            provider.unregister();
            String pid = provider.folder().configurationPid();
            if (pid != null) {
                families.leave(pid, provider);
            }
        }
        LOG.info("Bundle {} stopped: its {} event type(s) left the catalogue", bundle.getSymbolicName(), providers.size());
    }
}
