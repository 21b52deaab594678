package io.switchboard.api.http.internal;

import io.switchboard.core.api.bot.BotService;
import io.switchboard.core.api.dispatch.DeadLetters;
import io.switchboard.core.api.dispatch.DraftInvoker;
import io.switchboard.core.api.dispatch.EventDispatcher;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.FunctionService;
import io.switchboard.core.api.function.InvocationService;
import io.switchboard.core.api.function.SecretService;
import io.switchboard.core.api.security.AccountKeys;
import java.util.Objects;

/** The core services the API exposes over HTTP, handed to the resources together. */
public record CoreServices(FunctionService functions, InvocationService invocations, SecretService secrets,
                           EventCatalog catalog, EventDispatcher dispatcher, FunctionInvoker invoker, DeadLetters deadLetters,
                           BotService bots, AccountKeys accountKeys, DraftInvoker drafts) {
    public CoreServices {
        Objects.requireNonNull(functions, "functions");
        Objects.requireNonNull(invocations, "invocations");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(invoker, "invoker");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(bots, "bots");
        Objects.requireNonNull(accountKeys, "accountKeys");
        Objects.requireNonNull(drafts, "drafts");
    }
}
