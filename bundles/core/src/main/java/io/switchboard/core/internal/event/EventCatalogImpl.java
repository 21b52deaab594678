package io.switchboard.core.internal.event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.EventTypeView;

/**
 * The live event catalogue: tracks {@link EventTypeProvider} services (whiteboard) and applies the operator's
 * limit overrides. The first registration of an id wins; later ones are refused with an error and take over
 * only when the first goes away. Changing limits reports (never undeploys) functions over a new limit.
 */
@Component(service = EventCatalog.class, configurationPid = EventCatalogImpl.PID)
@Designate(ocd = EventCatalogImpl.Config.class)
public class EventCatalogImpl implements EventCatalog {

    public static final String PID = "io.switchboard.core.limits";

    /** Operator overrides of the event limits. */
    @ObjectClassDefinition(name = "Switchboard event limits", description = "Overrides of the per-event function limits.")
    public @interface Config {
        @AttributeDefinition(description = "Entries eventTypeId=limit, e.g. controllerbot_messaging_conversation_end=2")
        String[] overrides() default {};
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventCatalogImpl.class);

    /** Registrations per event id in arrival order; the first one is active. */
    private final Map<String, List<Registration>> registrations = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final LimitAuditor auditor;
    private volatile Map<String, Integer> overrides;
    private volatile Map<String, EventTypeView> views = Map.of();

    private record Registration(long serviceId, ComponentServiceObjects<EventTypeProvider> objects, EventTypeDefinition definition) {
    }

    @Activate
    public EventCatalogImpl(@Reference LimitAuditor auditor, Config config) {
        this.auditor = auditor;
        this.overrides = LimitOverrides.parse(config.overrides());
    }

    @Modified
    public void modified(Config config) {
        overrides = LimitOverrides.parse(config.overrides());
        LOG.info("Event limit overrides now {}", overrides);
        rebuildAndAudit();
    }

    @Reference(service = EventTypeProvider.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            updated = "updatedProvider")
    public void addProvider(ComponentServiceObjects<EventTypeProvider> objects, Map<String, Object> properties) {
        long serviceId = (Long) properties.get(Constants.SERVICE_ID);
        Object id = properties.get(EventTypeId.NAME);
        if (!(id instanceof String eventTypeId) || eventTypeId.isBlank()) {
            LOG.error("Ignoring event type provider service {}: it has no {} service property", serviceId, EventTypeId.NAME);
            return;
        }
        EventTypeDefinition definition = fetchDefinition(objects, serviceId, eventTypeId);
        if (definition == null) {
            return;
        }
        lock.lock();
        try {
            List<Registration> list = registrations.computeIfAbsent(eventTypeId, k -> new ArrayList<>());
            list.add(new Registration(serviceId, objects, definition));
            if (list.size() > 1) {
                LOG.error("Refused event type '{}' from service {}: service {} already provides it; uninstall one of the event sources",
                        eventTypeId, serviceId, list.get(0).serviceId());
                return;
            }
        } finally {
            lock.unlock();
        }
        LOG.info("Event type '{}' ({}) is available", eventTypeId, definition.displayName());
        rebuildAndAudit();
    }

    /**
     * A provider's service properties changed (the event-type extender bumps a revision when a family's configuration
     * changes the retries): its definition is fetched again and replaces the one in the catalogue.
     */
    public void updatedProvider(ComponentServiceObjects<EventTypeProvider> objects, Map<String, Object> properties) {
        long serviceId = (Long) properties.get(Constants.SERVICE_ID);
        Object id = properties.get(EventTypeId.NAME);
        if (!(id instanceof String eventTypeId)) {
            return;
        }
        EventTypeDefinition definition = fetchDefinition(objects, serviceId, eventTypeId);
        if (definition == null) {
            return;
        }
        lock.lock();
        try {
            List<Registration> list = registrations.get(eventTypeId);
            if (list == null) {
                return;
            }
            list.replaceAll(r -> r.serviceId() == serviceId ? new Registration(serviceId, objects, definition) : r);
        } finally {
            lock.unlock();
        }
        LOG.info("Event type '{}' changed: retries {}", eventTypeId, definition.retries());
        rebuildAndAudit();
    }

    public void removeProvider(ComponentServiceObjects<EventTypeProvider> objects, Map<String, Object> properties) {
        long serviceId = (Long) properties.get(Constants.SERVICE_ID);
        lock.lock();
        try {
            registrations.values().forEach(list -> list.removeIf(r -> r.serviceId() == serviceId));
            registrations.values().removeIf(List::isEmpty);
        } finally {
            lock.unlock();
        }
        LOG.info("Event type provider service {} is gone", serviceId);
        rebuildAndAudit();
    }

    /** The definition, or null (logged) when the provider is broken or its id disagrees with its property. */
    private static EventTypeDefinition fetchDefinition(ComponentServiceObjects<EventTypeProvider> objects, long serviceId, String eventTypeId) {
        EventTypeProvider provider = objects.getService();
        try {
            EventTypeDefinition definition = provider.definition();
            if (definition == null || !eventTypeId.equals(definition.id())) {
                LOG.error("Ignoring event type provider service {}: its {}='{}' disagrees with its definition's id '{}'",
                        serviceId, EventTypeId.NAME, eventTypeId, definition == null ? null : definition.id());
                return null;
            }
            return definition;
        } catch (RuntimeException e) {
            LOG.error("Ignoring event type provider service {} for '{}': its definition failed", serviceId, eventTypeId, e);
            return null;
        } finally {
            objects.ungetService(provider);
        }
    }

    private void rebuildAndAudit() {
        Map<String, EventTypeView> next = new LinkedHashMap<>();
        lock.lock();
        try {
            Map<String, Integer> currentOverrides = overrides;
            registrations.forEach((id, list) -> {
                EventTypeDefinition definition = list.get(0).definition();
                next.put(id, new EventTypeView(definition, currentOverrides.getOrDefault(id, definition.defaultFunctionLimit())));
            });
            views = Map.copyOf(next);
        } finally {
            lock.unlock();
        }
        auditor.audit(next.values());
    }

    @Override
    public List<EventTypeView> list() {
        return views.values().stream()
                .sorted(Comparator.comparing((EventTypeView v) -> v.definition().source()).thenComparing(v -> v.definition().id()))
                .toList();
    }

    @Override
    public Optional<EventTypeView> get(String eventTypeId) {
        return Optional.ofNullable(eventTypeId == null ? null : views.get(eventTypeId));
    }
}
