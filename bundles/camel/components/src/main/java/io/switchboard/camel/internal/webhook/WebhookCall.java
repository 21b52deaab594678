package io.switchboard.camel.internal.webhook;

import java.util.Map;

/**
 * An authenticated webhook request, as the servlet hands it to a route.
 *
 * @param account the account the call acts for
 * @param body the request body (JSON text)
 * @param headers request headers that may reach functions (credentials removed)
 * @param pathVariables the values of the {@code {name}} segments of the route's path
 * @param query the request's query string as it came, or null
 */
record WebhookCall(String account, String body, Map<String, String> headers, Map<String, String> pathVariables, String query) {
}
