package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.Environment;
import io.switchboard.cli.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sbf get functions|deployments|events|templates|account}: listings as tables or JSON. */
@Command(name = "get", description = "List functions, deployments (productive functions), events, templates, or show the account.")
public final class GetCommand extends BaseCommand {
    /** What can be listed. */
    enum What { functions, deployments, events, templates, account }

    @Parameters(index = "0", paramLabel = "what", description = "One of: ${COMPLETION-CANDIDATES}.")
    What what;

    public GetCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Api api = api();
        switch (what) {
            case functions -> functions(api.all(api.accountPath("/functions")), false);
            case deployments -> functions(deployed(api.all(api.accountPath("/functions"))), true);
            case events -> events(api.get("/event-types").path("items"));
            case templates -> templates(api.get("/templates").path("items"));
            case account -> account(api);
        }
        return 0;
    }

    private static ArrayNode deployed(ArrayNode functions) {
        ArrayNode productive = Json.mapper().createArrayNode();
        functions.forEach(f -> {
            String state = f.path("state").asText();
            if (state.equals("PRODUCTIVE") || state.equals("MODIFIED")) {
                productive.add(f);
            }
        });
        return productive;
    }

    private void functions(JsonNode items, boolean deployments) {
        if (json()) {
            output.json(items);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        items.forEach(f -> rows.add(List.of(f.path("name").asText(), output.state(f.path("state").asText()),
                f.path("eventType").asText("No Event"), f.path("deployedVersion").asText(), f.path("updatedAt").asText(),
                f.path("statusDetail").asText(""))));
        output.table(List.of("NAME", "STATE", "EVENT", deployments ? "VERSION" : "DEPLOYED", "UPDATED", "DETAIL"), rows);
    }

    private void events(JsonNode items) {
        if (json()) {
            output.json(items);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        items.forEach(e -> rows.add(List.of(e.path("id").asText(), e.path("displayName").asText(), e.path("mode").asText(),
                e.path("effectiveLimit").asText())));
        output.table(List.of("ID", "NAME", "MODE", "LIMIT"), rows);
    }

    private void templates(JsonNode items) {
        if (json()) {
            output.json(items);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        items.forEach(t -> rows.add(List.of(t.path("id").asText(), t.path("eventType").asText("No Event"), t.path("name").asText())));
        output.table(List.of("ID", "EVENT", "NAME"), rows);
    }

    private void account(Api api) {
        ObjectNode account = Json.object();
        account.put("account", api.account());
        JsonNode functions = api.get(api.accountPath("/functions?page=0&size=1"));
        account.put("functions", functions.path("total").asLong());
        account.set("settings", api.get(api.accountPath("/settings")));
        if (json()) {
            output.json(account);
            return;
        }
        JsonNode settings = account.path("settings");
        output.table(List.of("ACCOUNT", "FUNCTIONS", "ALLOWED DOMAINS", "HTTP REQUESTS/S"), List.of(List.of(api.account(),
                account.path("functions").asText(), settings.path("allowedDomains").toString(), settings.path("httpRequestsPerSecond").asText())));
    }
}
