package io.switchboard.core.api.function;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The live catalogue of event types contributed by installed event sources. */
@ProviderType
public interface EventCatalog {

    List<EventTypeView> list();

    Optional<EventTypeView> get(String eventTypeId);
}
