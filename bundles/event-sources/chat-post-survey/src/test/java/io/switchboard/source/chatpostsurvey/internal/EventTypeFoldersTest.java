package io.switchboard.source.chatpostsurvey.internal;

import io.switchboard.source.testkit.EventTypeFoldersContract;
import java.util.List;
import java.util.Map;

/** Chat Post Survey E-Mail Transcript: LivePerson's CSAT payload and its array of e-mails (ES-CPS). */
class EventTypeFoldersTest extends EventTypeFoldersContract {

    private static final String ID = "denver_post_survey_email_transcript";
    private static final String EMAIL = "{\"targetEmail\": \"manager@example.com\", \"senderName\": \"Acme Support\", "
            + "\"senderEmail\": \"support@example.com\", \"subject\": \"Poor CSAT: transcript\"}";

    @Override
    protected List<String> expectedIds() {
        return List.of(ID);
    }

    @Override
    protected Map<String, List<String>> validResults() {
        return Map.of(ID, List.of("[" + EMAIL + "]", "[" + EMAIL + "," + EMAIL + "]", "[]", "null"));
    }

    @Override
    protected Map<String, List<String>> brokenResults() {
        return Map.of(ID, List.of(EMAIL, "[" + EMAIL.replace("manager@example.com", "not-an-address") + "]",
                "[{\"targetEmail\": \"a@example.com\"}]", "{\"sendTranscript\": true, \"to\": [\"a@example.com\"]}", "\"ok\""));
    }

    @Override
    protected Map<String, List<String>> refusedPayloads() {
        return Map.of(ID, List.of("{\"csatRank\": \"3\"}", "{\"questionWithAnswers\": {}}", "{\"questionWithAnswers\": [{\"answer\": 5}]}"));
    }
}
