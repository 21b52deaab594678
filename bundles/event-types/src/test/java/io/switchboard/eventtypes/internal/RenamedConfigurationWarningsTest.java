package io.switchboard.eventtypes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Dictionary;
import java.util.Hashtable;
import org.junit.jupiter.api.Test;

class RenamedConfigurationWarningsTest {

    private static Dictionary<String, Object> properties(Object... keysAndValues) {
        Dictionary<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void aFamilyConfigurationFileUnderItsOldNameIsNamedWithTheNewOne() {
        assertThat(RenamedConfigurationWarnings.warnings("io.switchboard.source.system.0c1d", properties("felix.fileinstall.filename",
                "file:/opt/switchboard/etc/io.switchboard.source.system-messages.cfg", "callbackUrls", "acme=http://x")))
                .singleElement().asString()
                .contains("io.switchboard.source.system-messages", "io.switchboard.source.systemmessages.cfg");
        assertThat(RenamedConfigurationWarnings.warnings("io.switchboard.source.chat-post-survey", properties()))
                .singleElement().asString().contains("io.switchboard.source.chatpostsurvey");
    }

    @Test
    void anOldEventTypeIdInAValueIsNamedWithItsReplacement() {
        assertThat(RenamedConfigurationWarnings.warnings("io.switchboard.core.limits", properties("overrides",
                new String[] {"messaging_conversation_end=2", "controllerbot_messaging_ttr=3"})))
                .singleElement().asString()
                .contains("'messaging_conversation_end'", "'controllerbot_messaging_conversation_end'", "overrides");
        assertThat(RenamedConfigurationWarnings.warnings("io.switchboard.camel.kafka.ingress.1", properties("eventTypeId",
                "chat_post_survey_email_transcript"))).singleElement().asString().contains("denver_post_survey_email_transcript");
    }

    @Test
    void newIdsAndNewPidsAreNotWarnedAbout() {
        assertThat(RenamedConfigurationWarnings.warnings("io.switchboard.source.systemmessages", properties("felix.fileinstall.filename",
                "file:/etc/io.switchboard.source.systemmessages.cfg", "retries", "5"))).isEmpty();
        assertThat(RenamedConfigurationWarnings.warnings("io.switchboard.core.limits", properties("overrides",
                new String[] {"controllerbot_messaging_conversation_end=2", "surveybot_messaging_survey_ended=1"}))).isEmpty();
    }

    @Test
    void anIdIsMatchedWholeNotInsideALongerOne() {
        assertThat(RenamedConfigurationWarnings.mentions("a=messaging_ttr,b", "messaging_ttr")).isTrue();
        assertThat(RenamedConfigurationWarnings.mentions("controllerbot_messaging_ttr", "messaging_ttr")).isFalse();
        assertThat(RenamedConfigurationWarnings.mentions("messaging_ttr_2", "messaging_ttr")).isFalse();
    }
}
