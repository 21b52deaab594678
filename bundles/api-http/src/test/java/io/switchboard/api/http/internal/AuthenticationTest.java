package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    private static final String ACME = "/api/v1/accounts/acme/functions";
    private static final String FUNCTION = "{\"name\":\"greeter\",\"code\":\"async function lambda(i){return 1}\"}";

    private final FakeCore core = new FakeCore();
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(core, new ApiSettings(1_048_576, 20, 100));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aRequestWithoutKeyIsRefusedWithABearerChallenge() {
        ApiServer.Reply reply = server.get(ACME, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void anUnknownKeyIsRefusedAsAnInvalidToken() {
        ApiServer.Reply reply = server.get("/api/v1/event-types", "no-such-key");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void aKeyOfAnotherSchemeIsRefused() {
        ApiServer.Reply reply = server.send(server.request(ACME, null).header("Authorization", "Basic YWNtZTpzZWNyZXQ=").build());

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void unknownPathsAskForAuthenticationBeforeTellingTheyDoNotExist() {
        assertThat(server.get("/api/v1/nothing-here", null).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/nothing-here", "acme-key").status()).isEqualTo(404);
    }

    @Test
    void anAccountKeyWorksOnItsOwnAccount() {
        ApiServer.Reply created = server.post(ACME, "acme-key", FUNCTION);

        assertThat(created.status()).isEqualTo(201);
        assertThat(server.get(ACME, "acme-key").json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void anAccountKeyOnAnotherAccountLooksLikeNothingIsThere() {
        String id = server.post(ACME, "acme-key", FUNCTION).json().get("id").asText();

        ApiServer.Reply existing = server.get(ACME + "/" + id, "globex-key");
        ApiServer.Reply missing = server.get(ACME + "/fn-does-not-exist", "globex-key");
        ApiServer.Reply creating = server.post(ACME, "globex-key", FUNCTION);

        assertThat(existing.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(existing.json().get("detail").asText()).isEqualTo(missing.json().get("detail").asText());
        assertThat(creating.status()).isEqualTo(404);
        assertThat(server.get(ACME, "acme-key").json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void anAccountKeyDoesNotLearnAboutAnotherAccountFromAWrongMethodEither() {
        ApiServer.Reply reply = server.send(server.request(ACME, "globex-key").method("PATCH",
                java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void theAdminKeyActsOnEveryAccount() {
        ApiServer.Reply created = server.post(ACME, FakeCore.ADMIN_KEY, FUNCTION);
        String id = created.json().get("id").asText();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("account").asText()).isEqualTo("acme");
        assertThat(server.get(ACME + "/" + id, "acme-key").status()).isEqualTo(200);
        assertThat(server.get("/api/v1/accounts/globex/functions", FakeCore.ADMIN_KEY).status()).isEqualTo(200);
    }
}
