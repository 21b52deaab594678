package io.switchboard.core.api.bot;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A Third-Party Bot of an account: its id (the bot connector's), its vendor, and the function it is configured with
 * for each of its events ("select your function" in LivePerson's bot configuration).
 *
 * @param id the bot's id, unique in the account; the {@code {botId}} of the bot webhooks
 * @param account the owning account
 * @param vendor the vendor behind the bot
 * @param functions event type id (e.g. {@code bot_connectors_pre_hook}) to the id of the function that handles it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Bot(String id, String account, BotVendor vendor, Map<String, String> functions, Instant createdAt, Instant updatedAt) {

    /** The header that tells a bot event's function which bot sent it. */
    public static final String ID_HEADER = "X-Switchboard-Bot-Id";
    /** The header that tells a bot event's function the bot's vendor ({@link BotVendor#value()}). */
    public static final String VENDOR_HEADER = "X-Switchboard-Bot-Vendor";

    public Bot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(vendor, "vendor");
        functions = functions == null ? Map.of() : Map.copyOf(functions);
    }
}
