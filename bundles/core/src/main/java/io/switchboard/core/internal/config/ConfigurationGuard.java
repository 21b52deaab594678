package io.switchboard.core.internal.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.log.SafeText;

/**
 * Every Switchboard component's configuration is checked against its metatype (the {@code min} and {@code max} of the
 * {@code @AttributeDefinition}s) before the component sees it: a ConfigAdmin plugin, so it holds for the components of
 * every bundle without code in them. A value out of bounds ({@code maxTimeoutMillis=-5}) is taken out of what the component
 * gets: it keeps the value it had, or its default; and the refusal (PID, key, reason) is logged and listed by the
 * {@code configuration} health check until a valid value arrives.
 *
 * <p>Configurations delivered before this plugin ran (components that started first) are delivered again once.
 */
@Component(service = {ConfigurationPlugin.class, ConfigurationListener.class, Supplier.class}, immediate = true, property = {
        ConfigurationPlugin.CM_RANKING + ":Integer=100",
        "switchboard.health.check=configuration",
        "switchboard.health.severity=warning"})
public final class ConfigurationGuard implements ConfigurationPlugin, ConfigurationListener, Supplier<List<String>> {

    static final String PID_PREFIX = "io.switchboard.";
    private static final String BUNDLE_PREFIX = "switchboard.";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationGuard.class);

    /** A value that was taken out, and what the component runs with instead. */
    record Refusal(String pid, String key, String value, String reason, String kept) {
        String line() {
            return "configuration " + pid + ": " + key + "=" + value + " refused, " + reason + "; the component keeps " + kept;
        }
    }

    private final BundleContext context;
    private final MetaTypeService metaTypes;
    private final Map<String, Map<String, Object>> accepted = new ConcurrentHashMap<>();
    private final Map<String, Refusal> refusals = new ConcurrentSkipListMap<>();

    @Activate
    public ConfigurationGuard(BundleContext context, @Reference MetaTypeService metaTypes, @Reference ConfigurationAdmin configurations) {
        this(context, metaTypes);
        redeliverRefused(configurations);
    }

    ConfigurationGuard(BundleContext context, MetaTypeService metaTypes) {
        this.context = context;
        this.metaTypes = metaTypes;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        String pid = (String) properties.get(Constants.SERVICE_PID);
        String factoryPid = (String) properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        String described = factoryPid != null ? factoryPid : pid;
        if (pid == null || !described.startsWith(PID_PREFIX)) {
            return;
        }
        definition(described).ifPresent(definition -> guard(pid, definition, properties));
    }

    /** A deleted configuration takes its refusals with it (plugins are not called for a deletion). */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            accepted.remove(event.getPid());
            refusals.keySet().removeIf(key -> key.startsWith(event.getPid() + '\u0000'));
        }
    }

    /** Refusals in force, one line each (a warning of /health: the platform runs, but not as configured). */
    @Override
    public List<String> get() {
        return refusals.values().stream().map(Refusal::line).toList();
    }

    void guard(String pid, ObjectClassDefinition definition, Dictionary<String, Object> properties) {
        Map<String, Object> kept = accepted.computeIfAbsent(pid, p -> new ConcurrentHashMap<>());
        for (AttributeDefinition attribute : definition.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            String key = attribute.getID();
            Object value = properties.get(key);
            Optional<String> problem = ConfigurationBounds.check(attribute, value);
            if (problem.isEmpty()) {
                if (value != null) {
                    kept.put(key, value);
                }
                refusals.remove(pid + '\u0000' + key);
                continue;
            }
            Object previous = kept.get(key);
            if (previous != null) {
                properties.put(key, previous);
            } else {
                properties.remove(key);
            }
            Refusal refusal = new Refusal(pid, key, SafeText.of(text(value), 200), problem.get(), previous != null
                    ? "its previous value " + text(previous) : "its default " + text(attribute.getDefaultValue()));
            if (!refusal.equals(refusals.put(pid + '\u0000' + key, refusal))) {
                LOG.warn("Refused {}", refusal.line());
            }
        }
    }

    private Optional<ObjectClassDefinition> definition(String pid) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() == null || !bundle.getSymbolicName().startsWith(BUNDLE_PREFIX)) {
                continue;
            }
            MetaTypeInformation information = metaTypes.getMetaTypeInformation(bundle);
            if (information != null && (contains(information.getPids(), pid) || contains(information.getFactoryPids(), pid))) {
                return Optional.ofNullable(information.getObjectClassDefinition(pid, null));
            }
        }
        return Optional.empty();
    }

    /** Delivers again, through this plugin, the configurations that components may have got unchecked before it ran. */
    private void redeliverRefused(ConfigurationAdmin configurations) {
        try {
            Configuration[] all = configurations.listConfigurations("(" + Constants.SERVICE_PID + "=" + PID_PREFIX + "*)");
            for (Configuration configuration : all == null ? new Configuration[0] : all) {
                Dictionary<String, Object> properties = configuration.getProperties();
                String described = configuration.getFactoryPid() != null ? configuration.getFactoryPid() : configuration.getPid();
                if (properties != null && definition(described).map(d -> refuses(d, properties)).orElse(false)) {
                    configuration.update(properties);
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Could not check the configurations present before the configuration guard started: {}", e.toString());
        }
    }

    private static boolean refuses(ObjectClassDefinition definition, Dictionary<String, Object> properties) {
        return Arrays.stream(definition.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .anyMatch(attribute -> ConfigurationBounds.check(attribute, properties.get(attribute.getID())).isPresent());
    }

    private static boolean contains(String[] pids, String pid) {
        return pids != null && Arrays.asList(pids).contains(pid);
    }

    private static String text(Object value) {
        if (value == null) {
            return "(none)";
        }
        if (value instanceof Object[] array) {
            return array.length == 1 ? String.valueOf(array[0]) : Arrays.toString(array);
        }
        return String.valueOf(value);
    }

    /** For tests: the refusals in force. */
    List<Refusal> refusals() {
        return new ArrayList<>(refusals.values());
    }
}
