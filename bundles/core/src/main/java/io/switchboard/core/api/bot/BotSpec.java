package io.switchboard.core.api.bot;

import java.util.Map;

/**
 * What a user writes to create or replace a bot.
 *
 * @param id the bot's id (letters, digits, {@code _ . -}, at most 128 characters)
 * @param vendor the vendor behind the bot
 * @param functions event type id to the id or name of the account's function for it; each function must be bound to
 *        that event type, which must select by bot
 */
public record BotSpec(String id, BotVendor vendor, Map<String, String> functions) {
    public BotSpec {
        functions = functions == null ? Map.of() : Map.copyOf(functions);
    }
}
