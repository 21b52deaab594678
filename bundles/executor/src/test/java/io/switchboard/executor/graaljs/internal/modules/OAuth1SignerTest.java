package io.switchboard.executor.graaljs.internal.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OAuth1SignerTest {

    /** The worked example of Twitter's OAuth 1.0a guide "Creating a signature" (signature hCtSmYh+iHYCEqBWrE7C7hYmtUk=). */
    @Test
    void theSignatureMatchesThePublishedExample() {
        OAuth1Signer.Credentials credentials = new OAuth1Signer.Credentials("xvz1evFS4wEEPTGEFPHBog",
                "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
                "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");

        String header = OAuth1Signer.authorization(credentials, "POST",
                URI.create("https://api.twitter.com/1.1/statuses/update.json?include_entities=true"),
                "status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21",
                "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", 1318622958);

        assertThat(header).startsWith("OAuth ").contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\"")
                .contains("oauth_token=\"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\"");
    }
}
