package io.switchboard.api.http.internal.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.api.http.internal.ApiSettings;
import io.switchboard.api.http.internal.json.FieldReader;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.PageRequest;
import io.switchboard.core.api.bot.Bot;
import io.switchboard.core.api.bot.BotService;
import io.switchboard.core.api.bot.BotSpec;
import io.switchboard.core.api.bot.BotVendor;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /accounts/{account}/bots}: the account's Third-Party Bots, each with its vendor and the function it runs for
 * each of its events (what the bot webhooks {@code /events/third-party-bots/bots/{botId}/...} select).
 */
public final class BotsResource {
    static final String BASE = "/accounts/{account}/bots";
    private static final Set<String> FIELDS = Set.of("id", "vendor", "functions");
    private static final String VENDORS = Arrays.stream(BotVendor.values()).map(BotVendor::value).collect(Collectors.joining(", "));

    private final BotService bots;
    private final Views views;
    private final ApiSettings settings;

    public BotsResource(BotService bots, Views views, ApiSettings settings) {
        this.bots = bots;
        this.views = views;
        this.settings = settings;
    }

    public void addRoutes(Router.Builder router) {
        router.get(BASE, this::list)
              .post(BASE, this::create)
              .get(BASE + "/{botId}", r -> ok(bots.get(r.path("account"), r.path("botId"))))
              .put(BASE + "/{botId}", this::update)
              .delete(BASE + "/{botId}", this::delete);
    }

    private ApiResponse list(ApiRequest request) {
        PageRequest page = PageRequest.from(request, settings);
        return ApiResponse.ok(views.page(bots.list(request.path("account"), page.page(), page.size()), views::bot));
    }

    private ApiResponse create(ApiRequest request) {
        String account = request.path("account");
        Bot created = bots.create(account, spec(request.body().requiredObject(), null));
        return ApiResponse.created(request.location("/accounts/" + account + "/bots/" + created.id()), views.bot(created));
    }

    private ApiResponse update(ApiRequest request) {
        String botId = request.path("botId");
        return ok(bots.update(request.path("account"), botId, spec(request.body().requiredObject(), botId)));
    }

    private ApiResponse delete(ApiRequest request) {
        bots.delete(request.path("account"), request.path("botId"));
        return ApiResponse.noContent();
    }

    private ApiResponse ok(Bot bot) {
        return ApiResponse.ok(views.bot(bot));
    }

    /** A bot from a create or replace body; a replace may leave the id out (the path names it). */
    private static BotSpec spec(ObjectNode body, String pathId) {
        FieldReader fields = new FieldReader(body, FIELDS);
        String id = pathId == null ? fields.requiredString("id") : fields.optionalString("id");
        String vendorName = fields.requiredString("vendor");
        BotVendor vendor = vendorName == null ? null : BotVendor.of(vendorName).orElse(null);
        if (vendorName != null && !vendorName.isBlank() && vendor == null) {
            fields.reject("/vendor", "'" + vendorName + "' is not a vendor: " + VENDORS);
        }
        var functions = fields.optionalStringMap("functions");
        fields.throwIfInvalid("The bot");
        return new BotSpec(id == null ? pathId : id, vendor, functions);
    }
}
