package io.switchboard.core.internal.function;

import static io.switchboard.core.internal.testing.CoreFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/** The functions' configuration applies to the running services ({@code @Modified}), without a restart. */
@DatabaseTest
class LiveFunctionConfigurationTest {

    private static final String END = "messaging_conversation_end";

    private final CoreFixture core = new CoreFixture(TestEvents.conversationEnd());

    @AfterEach
    void close() {
        core.close();
    }

    private static FunctionSpec withTimeout(String name, long timeoutMs) {
        FunctionSpec base = spec(name, END);
        return new FunctionSpec(base.name(), base.description(), base.code(), base.eventType(), base.skills(), timeoutMs,
                base.allowedDomains(), base.env(), null, null);
    }

    @Test
    void aLoweredMaximumTimeoutRefusesTheNextFunctionAboveIt() {
        core.functions.create("acme", withTimeout("before", 20_000));

        core.functions.modified(TestConfigs.config(FunctionServiceImpl.Config.class, "maxTimeoutMs", 10_000L));

        assertThatThrownBy(() -> core.functions.create("acme", withTimeout("after", 20_000)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("/timeoutMs"));
        assertThat(core.functions.create("acme", withTimeout("within", 10_000)).timeoutMs()).isEqualTo(10_000);
    }

    @Test
    void aRaisedMaximumTimeoutAdmitsWhatWasRefused() {
        assertThatThrownBy(() -> core.functions.create("acme", withTimeout("long", 90_000))).isInstanceOf(ValidationException.class);

        core.functions.modified(TestConfigs.config(FunctionServiceImpl.Config.class, "maxTimeoutMs", 120_000L));

        assertThat(core.functions.create("acme", withTimeout("long", 90_000)).timeoutMs()).isEqualTo(90_000);
    }

    @Test
    void aChangedDefaultTimeoutReachesFunctionsAndTheCachedSelection() {
        core.deployed("acme", "plain", END);
        assertThat(core.deployedFunctions.selectFor("acme", END, null)).extracting(DeployedFunction::timeout)
                .containsExactly(Duration.ofSeconds(30));

        FunctionServiceImpl.Config changed = TestConfigs.config(FunctionServiceImpl.Config.class, "defaultTimeoutMs", 7_000L,
                "selectionCacheMillis", 60_000L);
        core.functions.modified(changed);
        core.deployedFunctions.modified(changed);

        assertThat(core.deployedFunctions.selectFor("acme", END, null)).extracting(DeployedFunction::timeout)
                .containsExactly(Duration.ofSeconds(7));
        assertThat(core.functions.create("acme", spec("fresh", END)).timeoutMs()).isEqualTo(7_000);
    }
}
