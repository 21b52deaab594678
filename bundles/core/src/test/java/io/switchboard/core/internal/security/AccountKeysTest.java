package io.switchboard.core.internal.security;

import static io.switchboard.core.internal.testing.CoreFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.api.security.AccountInfo;
import io.switchboard.core.api.security.Caller;
import io.switchboard.core.api.security.IssuedKey;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.TestConfigs;

/** Issue 14, item 19: keys as hashes in configuration; account keys issued, rotated and revoked, stored hashed. */
class AccountKeysTest {

    @TempDir
    Path dataFolder;

    private final CoreFixture core = new CoreFixture();

    @AfterEach
    void close() {
        core.close();
    }

    private ApiKeyAuthenticator authenticator(String... accountKeys) {
        return new ApiKeyAuthenticator(TestConfigs.config(ApiKeyAuthenticator.Config.class, "adminKey",
                "sha256:" + KeyDigest.of("admin-key-0123456789"), "accountKeys", accountKeys), name -> null, dataFolder, core.database);
    }

    @Test
    void configurationMayHoldKeysAsTheirSha256() {
        ApiKeyAuthenticator auth = authenticator("acme=SHA256:" + KeyDigest.of("acme-key-0123456789").toUpperCase());

        assertThat(auth.authenticate("admin-key-0123456789")).contains(new Caller(null, true));
        assertThat(auth.authenticate("acme-key-0123456789")).contains(new Caller("acme", false));
        assertThat(auth.authenticate("sha256:" + KeyDigest.of("acme-key-0123456789"))).as("the digest is not a key").isEmpty();
    }

    @Test
    void anIssuedKeyWorksAtOnceAndOnlyItsDigestIsStored() {
        ApiKeyAuthenticator auth = authenticator();

        IssuedKey issued = auth.issue("acme", false);

        assertThat(issued.key()).startsWith("sb_").hasSizeGreaterThan(40);
        assertThat(auth.authenticate(issued.key())).contains(new Caller("acme", false));
        String stored = core.database.withConnection("read", c -> io.switchboard.core.internal.db.Rows.one(c,
                "SELECT key_hash FROM api_keys WHERE id = ?", rs -> rs.getString(1), issued.info().id())).orElseThrow();
        assertThat(stored).isEqualTo(KeyDigest.of(issued.key())).doesNotContain(issued.key());
        assertThat(auth.keys("acme")).containsExactly(issued.info());
    }

    @Test
    void aRotationRevokesTheEarlierIssuedKeysAndARevokedKeyIsRefused() {
        ApiKeyAuthenticator auth = authenticator();
        IssuedKey first = auth.issue("acme", false);
        IssuedKey other = auth.issue("globex", false);

        IssuedKey second = auth.issue("acme", true);

        assertThat(auth.authenticate(first.key())).isEmpty();
        assertThat(auth.authenticate(second.key())).contains(new Caller("acme", false));
        assertThat(auth.authenticate(other.key())).as("another account's key stays").isPresent();
        auth.revoke("acme", second.info().id());
        assertThat(auth.authenticate(second.key())).isEmpty();
        assertThatThrownBy(() -> auth.revoke("globex", second.info().id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> auth.revoke("acme", other.info().id())).as("another account's key").isInstanceOf(NotFoundException.class);
    }

    @Test
    void aKeyIssuedByAnotherInstanceCountsAfterTheRefresh() {
        ApiKeyAuthenticator here = new ApiKeyAuthenticator(TestConfigs.config(ApiKeyAuthenticator.Config.class, "generateAdminKey", false,
                "issuedKeyRefreshSeconds", 1), name -> null, dataFolder, core.database);
        ApiKeyAuthenticator there = authenticator();

        IssuedKey issued = there.issue("acme", false);

        io.switchboard.core.internal.testing.Await.until("the other instance's key counts here",
                () -> here.authenticate(issued.key()).isPresent());
    }

    @Test
    void accountsAreListedWithTheirKeysAndFunctions() {
        ApiKeyAuthenticator auth = authenticator("acme=acme-key-0123456789", "acme=acme-key-2-0123456789");
        auth.issue("globex", false);
        core.functions.create("initech", spec("f", null));

        assertThat(auth.accounts(0, 10).items()).containsExactly(new AccountInfo("acme", 2, 0, 0), new AccountInfo("globex", 0, 1, 0),
                new AccountInfo("initech", 0, 0, 1));
        assertThat(auth.accounts(1, 2).items()).containsExactly(new AccountInfo("initech", 0, 0, 1));
        assertThat(auth.accounts(1, 2).total()).isEqualTo(3);
    }

    @Test
    void anAccountNameWithControlCharactersOrSlashesIsRefused() {
        ApiKeyAuthenticator auth = authenticator();

        assertThatThrownBy(() -> auth.issue("acme\nforged", false)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> auth.issue("a/b", false)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> auth.issue("", false)).isInstanceOf(ValidationException.class);
    }
}
