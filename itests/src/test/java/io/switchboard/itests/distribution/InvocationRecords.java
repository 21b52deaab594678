package io.switchboard.itests.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.itests.Api;
import java.util.ArrayList;
import java.util.List;

/** The invocation records of one function, read through the API page by page. */
final class InvocationRecords {

    private static final int PAGE_SIZE = 100;

    private InvocationRecords() {
    }

    /** How many records the function has. */
    static int total(Api api, String account, String functionId) {
        return page(api, account, functionId, 0, 1).path("total").asInt();
    }

    /** Every record of the function, newest first. */
    static List<JsonNode> all(Api api, String account, String functionId) {
        List<JsonNode> records = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = page(api, account, functionId, page, PAGE_SIZE);
            answer.path("items").forEach(records::add);
            if ((page + 1) * PAGE_SIZE >= answer.path("total").asInt()) {
                return records;
            }
        }
    }

    private static JsonNode page(Api api, String account, String functionId, int page, int size) {
        Api.Answer answer = api.get("/accounts/" + account + "/functions/" + functionId + "/invocations?page=" + page + "&size=" + size);
        if (answer.status() != 200) {
            throw new AssertionError("Invocation records of " + functionId + ": " + answer.status() + " " + answer.body());
        }
        return answer.body();
    }
}
