package io.switchboard.core.api.bot;

import io.switchboard.core.api.function.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The Third-Party Bots of an account. Every method is scoped to one account: another account's bots are answered with
 * {@link io.switchboard.core.api.function.NotFoundException}.
 */
@ProviderType
public interface BotService {

    /** The account's bots by id, paged. */
    Page<Bot> list(String account, int page, int size);

    /** @throws io.switchboard.core.api.function.NotFoundException when the account has no such bot */
    Bot get(String account, String botId);

    /**
     * @throws io.switchboard.core.api.function.ValidationException naming every bad field (id, vendor, an event type
     *         that is not a bot event, a function that does not exist or is bound to another event type)
     * @throws io.switchboard.core.api.function.ConflictException when the account has a bot with that id
     */
    Bot create(String account, BotSpec spec);

    /** Replaces the bot's vendor and functions; the id in the spec must be the bot's. */
    Bot update(String account, String botId, BotSpec spec);

    void delete(String account, String botId);
}
