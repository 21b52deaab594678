package io.switchboard.executor.graaljs.internal.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainAllowListTest {
    private static final List<String> ALLOWED = List.of("api.example.com", "*.crm.example.org");

    @ParameterizedTest
    @CsvSource({
        "api.example.com, true",
        "API.Example.COM, true",
        "api.example.com., true",
        "eu.crm.example.org, true",
        "a.b.crm.example.org, true",
        "crm.example.org, false",
        "evilcrm.example.org, false",
        "example.com, false",
        "api.example.com.evil.net, false",
        "xapi.example.com, false",
    })
    void hostIsAllowedOnlyByAnExactEntryOrAWildcardForItsSubdomains(String host, boolean allowed) {
        assertThat(DomainAllowList.allows(ALLOWED, host)).isEqualTo(allowed);
    }
}
