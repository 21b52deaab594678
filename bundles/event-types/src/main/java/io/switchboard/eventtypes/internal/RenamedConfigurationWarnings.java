package io.switchboard.eventtypes.internal;

import io.switchboard.core.api.event.RenamedEventTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about configuration written for the names Switchboard used before issue 11: a family configuration under its
 * old PID (or in a {@code .cfg} file of that name, which FileInstall reads as a factory configuration because of the
 * hyphen), and an old event type id in any configuration value. Each warning names what to write instead. Checks every
 * configuration at start and each one that changes.
 */
@Component(immediate = true)
public final class RenamedConfigurationWarnings implements ConfigurationListener {

    /** Family configuration PIDs before issue 11 (with a hyphen) and now. */
    static final Map<String, String> OLD_PIDS = Map.of(
            "io.switchboard.source.system-messages", "io.switchboard.source.systemmessages",
            "io.switchboard.source.post-conversation-survey", "io.switchboard.source.postconversationsurvey",
            "io.switchboard.source.chat-post-survey", "io.switchboard.source.chatpostsurvey");
    private static final String FILE_NAME = "felix.fileinstall.filename";
    private static final Logger LOG = LoggerFactory.getLogger(RenamedConfigurationWarnings.class);

    private final ConfigurationAdmin admin;

    @Activate
    public RenamedConfigurationWarnings(@Reference ConfigurationAdmin admin) {
        this.admin = admin;
        for (Configuration configuration : configurations(null)) {
            check(configuration);
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_UPDATED) {
            configurations("(" + org.osgi.framework.Constants.SERVICE_PID + "=" + event.getPid() + ")").forEach(this::check);
        }
    }

    private List<Configuration> configurations(String filter) {
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (IOException | InvalidSyntaxException e) {
            LOG.debug("Cannot list configurations {}: {}", filter, e.toString());
            return List.of();
        }
    }

    private void check(Configuration configuration) {
        for (String warning : warnings(configuration.getPid(), configuration.getProperties())) {
            LOG.warn(warning);
        }
    }

    /** What is wrong with one configuration, as warnings naming the replacement. */
    static List<String> warnings(String pid, Dictionary<String, Object> properties) {
        List<String> warnings = new ArrayList<>();
        String file = properties == null || properties.get(FILE_NAME) == null ? null : properties.get(FILE_NAME).toString();
        OLD_PIDS.forEach((old, replacement) -> {
            if (old.equals(pid) || (file != null && (file.endsWith("/" + old + ".cfg") || file.endsWith("/" + old + ".config")))) {
                warnings.add("Configuration " + (file != null ? file : pid) + " uses the old PID " + old + " and is not read: the family's "
                        + "configuration is now " + replacement + " (rename the file to " + replacement + ".cfg)");
            }
        });
        if (properties == null) {
            return warnings;
        }
        for (String key : Collections.list(properties.keys())) {
            for (String value : texts(properties.get(key))) {
                RenamedEventTypes.OLD_TO_NEW.forEach((old, replacement) -> {
                    if (mentions(value, old)) {
                        warnings.add("Configuration " + (file != null ? file : pid) + " names the event type '" + old + "' in " + key
                                + ", which was renamed to '" + replacement + "' (LivePerson's id); old ids match nothing, write the new one");
                    }
                });
            }
        }
        return warnings;
    }

    /** Whether {@code text} holds {@code id} as a whole id, not inside a longer one such as its replacement. */
    static boolean mentions(String text, String id) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(id) + "(?![A-Za-z0-9_])").matcher(text).find();
    }

    private static List<String> texts(Object value) {
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof String[] array) {
            return List.of(array);
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
