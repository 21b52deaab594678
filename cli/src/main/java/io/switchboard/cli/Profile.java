package io.switchboard.cli;

/** Where and as whom the CLI talks to a Switchboard: the API's base URL, the account and its API key. */
public record Profile(String name, String url, String account, String key) {
}
