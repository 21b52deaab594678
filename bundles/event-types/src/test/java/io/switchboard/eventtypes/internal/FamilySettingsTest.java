package io.switchboard.eventtypes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchboard.core.api.event.EventTypeProvider;
import io.switchboard.eventtypes.api.EventTypeFolder;
import io.switchboard.eventtypes.api.EventTypeFolders;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;

class FamilySettingsTest {

    private static EventTypeFolder folder(int retries) {
        String definition = "{\"id\": \"end\", \"name\": \"End\", \"family\": \"F\", \"configurationPid\": \"f.pid\", \"mode\": \"ASYNC\","
                + " \"limit\": 1, \"skills\": false, \"selection\": \"ALL\", \"retries\": " + retries + ", \"delivery\": \"COMMANDS\"}";
        Map<String, String> files = Map.of(EventTypeFolders.DEFINITION, definition, EventTypeFolders.SCHEMA, "{}",
                EventTypeFolders.SAMPLE, "{}", EventTypeFolders.RESULT_SCHEMA, "{}");
        return EventTypeFolders.read("event-types/end", name -> Optional.ofNullable(files.get(name)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFamilysRetriesReplaceTheFoldersAndTellTheCatalogueThroughANewRevision() throws Exception {
        BundleContext extender = mock(BundleContext.class);
        BundleContext family = mock(BundleContext.class);
        ServiceRegistration<ManagedService> managed = mock(ServiceRegistration.class);
        ServiceRegistration<EventTypeProvider> provided = mock(ServiceRegistration.class);
        ArgumentCaptor<ManagedService> service = ArgumentCaptor.forClass(ManagedService.class);
        ArgumentCaptor<Dictionary<String, Object>> properties = ArgumentCaptor.forClass(Dictionary.class);
        when(extender.registerService(eq(ManagedService.class), service.capture(), properties.capture())).thenReturn(managed);
        when(family.registerService(eq(EventTypeProvider.class), any(EventTypeProvider.class), any())).thenReturn(provided);
        FamilySettings settings = new FamilySettings(extender);
        FolderProvider provider = new FolderProvider(folder(3), null);

        provider.applyRetries(settings.join("f.pid", provider));
        provider.register(family);
        assertThat(properties.getValue().get(Constants.SERVICE_PID)).isEqualTo("f.pid");
        assertThat(provider.definition().retries()).isEqualTo(3);

        Dictionary<String, Object> config = new Hashtable<>();
        config.put("retries", "0");
        service.getValue().updated(config);

        assertThat(provider.definition().retries()).isZero();
        ArgumentCaptor<Dictionary<String, Object>> changed = ArgumentCaptor.forClass(Dictionary.class);
        verify(provided).setProperties(changed.capture());
        assertThat(changed.getValue().get(FolderProvider.REVISION)).isEqualTo(1L);

        service.getValue().updated(null);
        assertThat(provider.definition().retries()).isEqualTo(3);

        settings.leave("f.pid", provider);
        verify(managed).unregister();
    }

    @Test
    void aRetriesValueThatIsNoCountIsIgnored() {
        assertThat(FamilySettings.retries("f.pid", "many")).isNull();
        assertThat(FamilySettings.retries("f.pid", -1)).isNull();
        assertThat(FamilySettings.retries("f.pid", 5L)).isEqualTo(5);
        assertThat(FamilySettings.retries("f.pid", " 2 ")).isEqualTo(2);
    }
}
