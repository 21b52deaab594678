package io.switchboard.core.internal.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.egress.EgressPolicyImpl;
import io.switchboard.core.internal.testing.CoreFixture;

/** allowedDomains may not name internal addresses (issue 14, item 6). */
class AllowedDomainsTest {

    private final CoreFixture core = new CoreFixture();

    @AfterEach
    void close() {
        core.close();
    }

    private static FunctionSpec reaching(String... domains) {
        return new FunctionSpec("caller", "", "async function lambda() { return 1; }", null, List.of(), null, List.of(domains), Map.of(),
                null, null);
    }

    @Test
    void ipLiteralsAndLocalhostAreRefusedWithAFieldErrorEach() {
        assertThatThrownBy(() -> core.functions.create("acme", reaching("api.example.com", "127.0.0.1", "localhost", "169.254.169.254",
                "2130706433"))).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors())
                        .extracting(f -> f.field() + " " + f.message())
                        .containsExactly("/allowedDomains/1 '127.0.0.1' is an IP address (a loopback address); allowedDomains takes host "
                                + "names only, and functions may not reach internal addresses unless allowedPrivateNetworks admits them",
                                "/allowedDomains/2 'localhost' names the local machine (a loopback address); allowedDomains takes host names "
                                        + "only, and functions may not reach internal addresses unless allowedPrivateNetworks admits them",
                                "/allowedDomains/3 '169.254.169.254' is an IP address (a link-local address); allowedDomains takes host names "
                                        + "only, and functions may not reach internal addresses unless allowedPrivateNetworks admits them",
                                "/allowedDomains/4 '2130706433' is an IP address in another notation; name the host instead"));
    }

    @Test
    void anOperatorWhoAdmitsLoopbackMayLetFunctionsNameIt() {
        core.functions.bindEgressPolicy(EgressPolicyImpl.admitting("127.0.0.0/8"));

        assertThat(core.functions.create("acme", reaching("127.0.0.1", "localhost")).spec().allowedDomains())
                .containsExactly("127.0.0.1", "localhost");
    }
}
