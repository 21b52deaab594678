package io.switchboard.eventtypes.internal;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@value #RETRIES} key of each family's configuration (the PID a folder's {@code configurationPid} names): read
 * through one {@link ManagedService} per PID while a folder of that family is in the catalogue, applied to the family's
 * providers. The family's own bundle reads the same PID for its other keys (FileInstall binds {@code etc/} files to
 * every bundle).
 */
final class FamilySettings implements AutoCloseable {

    static final String RETRIES = "retries";
    private static final Logger LOG = LoggerFactory.getLogger(FamilySettings.class);

    private final BundleContext context;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Family> families = new HashMap<>();

    /** The providers of one PID, its configuration's retries and the registration that receives them. */
    private static final class Family {
        final Set<FolderProvider> providers = new HashSet<>();
        Integer retries;
        ServiceRegistration<ManagedService> registration;
    }

    FamilySettings(BundleContext context) {
        this.context = context;
    }

    /** Adds a provider of the family with that PID; returns the retries its configuration sets now (null: none). */
    Integer join(String pid, FolderProvider provider) {
        lock.lock();
        try {
            Family family = families.get(pid);
            if (family == null) {
                family = new Family();
                families.put(pid, family);
                Dictionary<String, Object> properties = new Hashtable<>();
                properties.put(Constants.SERVICE_PID, pid);
                family.registration = context.registerService(ManagedService.class, config -> updated(pid, config), properties);
            }
            family.providers.add(provider);
            return family.retries;
        } finally {
            lock.unlock();
        }
    }

    void leave(String pid, FolderProvider provider) {
        lock.lock();
        try {
            Family family = families.get(pid);
            if (family == null) {
                return;
            }
            family.providers.remove(provider);
            if (family.providers.isEmpty()) {
                families.remove(pid);
                unregister(family);
            }
        } finally {
            lock.unlock();
        }
    }

    private void updated(String pid, Dictionary<String, ?> config) {
        Integer retries = config == null ? null : retries(pid, config.get(RETRIES));
        lock.lock();
        try {
            Family family = families.get(pid);
            if (family == null) {
                return;
            }
            family.retries = retries;
            family.providers.forEach(provider -> provider.applyRetries(retries));
        } finally {
            lock.unlock();
        }
        if (retries != null) {
            LOG.info("Event types of {} retry a failed function {} time(s)", pid, retries);
        }
    }

    /** The configured retries, or null (the folders' own) when absent or invalid (logged). */
    static Integer retries(String pid, Object value) {
        if (value == null) {
            return null;
        }
        try {
            int retries = value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString().strip());
            if (retries >= 0 && retries <= 100) {
                return retries;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.error("Ignoring {}={} of {}: expected a whole number from 0 to 100; the event types keep their own retries", RETRIES,
                value, pid);
        return null;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            families.values().forEach(FamilySettings::unregister);
            families.clear();
        } finally {
            lock.unlock();
        }
    }

    private static void unregister(Family family) {
        try {
            family.registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The extender is stopping: the framework unregistered it.
        }
    }
}
