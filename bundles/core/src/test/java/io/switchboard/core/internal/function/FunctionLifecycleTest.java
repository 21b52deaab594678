package io.switchboard.core.internal.function;

import static io.switchboard.core.internal.testing.CoreFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.execution.CodeProblem;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.FunctionState;
import io.switchboard.core.api.function.FunctionVersion;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.TestEvents;
import io.switchboard.core.internal.testing.DatabaseTest;

@DatabaseTest
class FunctionLifecycleTest {

    private static final String END = "messaging_conversation_end";
    private static final String BOT = "third_party_bots_custom_integration";

    private final CoreFixture core = new CoreFixture(TestEvents.conversationEnd(), TestEvents.customIntegration());

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void aNewFunctionIsADraftWithoutVersions() {
        FunctionInfo created = core.functions.create("acme", spec("greeter", BOT));

        assertThat(created.state()).isEqualTo(FunctionState.DRAFT);
        assertThat(created.deployedVersion()).isZero();
        assertThat(created.timeoutMs()).isEqualTo(30_000);
        assertThat(core.functions.versions("acme", created.id())).isEmpty();
        assertThat(core.functions.get("acme", created.id()).spec().name()).isEqualTo("greeter");
    }

    @Test
    void aPageFarBeyondTheEndIsEmptyInsteadOfAnOverflowedOffset() {
        core.functions.create("acme", spec("greeter", BOT));

        assertThat(core.functions.list("acme", Integer.MAX_VALUE, 100).items()).isEmpty();
        assertThat(core.functions.list("acme", Integer.MAX_VALUE, 100).total()).isEqualTo(1);
    }

    @Test
    void deployFreezesNumberedVersionsAndEditsMakeItModified() {
        FunctionInfo created = core.functions.create("acme", spec("greeter", BOT));
        FunctionInfo v1 = core.functions.deploy("acme", created.id());
        FunctionSpec edited = new FunctionSpec("greeter", "v2", "async function lambda() { return 2; }", BOT, null, 5_000L, null, null, null, null);
        FunctionInfo modified = core.functions.update("acme", created.id(), edited);
        FunctionInfo v2 = core.functions.deploy("acme", created.id());

        assertThat(v1.state()).isEqualTo(FunctionState.PRODUCTIVE);
        assertThat(v1.deployedVersion()).isEqualTo(1);
        assertThat(modified.state()).isEqualTo(FunctionState.MODIFIED);
        assertThat(modified.deployedVersion()).isEqualTo(1);
        assertThat(v2.deployedVersion()).isEqualTo(2);
        assertThat(v2.timeoutMs()).isEqualTo(5_000);
        List<FunctionVersion> versions = core.functions.versions("acme", created.id());
        assertThat(versions).extracting(FunctionVersion::version).containsExactly(1, 2);
        assertThat(versions.get(0).spec().code()).contains("input.payload");
        assertThat(versions.get(1).spec().code()).contains("return 2");
    }

    @Test
    void deployingAnUnchangedProductiveFunctionIsAConflict() {
        FunctionInfo deployed = core.deployed("acme", "greeter", BOT);

        assertThatThrownBy(() -> core.functions.deploy("acme", deployed.id())).isInstanceOf(ConflictException.class);
    }

    @Test
    void rollbackMakesAnEarlierVersionProductiveAndTheCurrentSpec() {
        FunctionInfo created = core.functions.create("acme", spec("greeter", BOT));
        core.functions.deploy("acme", created.id());
        core.functions.update("acme", created.id(), new FunctionSpec("greeter", "", "async function lambda() { return 2; }", BOT,
                null, null, null, null, null, null));
        core.functions.deploy("acme", created.id());

        FunctionInfo rolledBack = core.functions.rollback("acme", created.id(), 1);

        assertThat(rolledBack.state()).isEqualTo(FunctionState.PRODUCTIVE);
        assertThat(rolledBack.deployedVersion()).isEqualTo(1);
        assertThat(rolledBack.latestVersion()).isEqualTo(2);
        assertThat(rolledBack.spec().code()).contains("input.payload");
        assertThat(core.deployedFunctions.selectFor("acme", BOT, null)).singleElement()
                .satisfies(f -> assertThat(f.codeId()).isEqualTo(created.id() + "@1"));
        assertThatThrownBy(() -> core.functions.rollback("acme", created.id(), 7)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void undeployStopsReactingAndKeepsVersions() {
        FunctionInfo deployed = core.deployed("acme", "greeter", BOT);

        FunctionInfo undeployed = core.functions.undeploy("acme", deployed.id());

        assertThat(undeployed.state()).isEqualTo(FunctionState.UNDEPLOYED);
        assertThat(undeployed.deployedVersion()).isZero();
        assertThat(core.deployedFunctions.selectFor("acme", BOT, null)).isEmpty();
        assertThat(core.deployedFunctions.deployed("acme", "greeter")).isEmpty();
        assertThat(core.functions.versions("acme", deployed.id())).hasSize(1);
        assertThatThrownBy(() -> core.functions.undeploy("acme", deployed.id())).isInstanceOf(ConflictException.class);
    }

    @Test
    void deleteRemovesTheFunctionItsVersionsAndBinding() {
        FunctionInfo deployed = core.deployed("acme", "greeter", BOT);

        core.functions.delete("acme", deployed.id());

        assertThatThrownBy(() -> core.functions.get("acme", deployed.id())).isInstanceOf(NotFoundException.class);
        assertThat(core.deployedFunctions.selectFor("acme", BOT, null)).isEmpty();
    }

    @Test
    void namesAreUniquePerAccountOnly() {
        core.functions.create("acme", spec("greeter", null));

        assertThatThrownBy(() -> core.functions.create("acme", spec("greeter", BOT)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("greeter");
        assertThat(core.functions.create("globex", spec("greeter", null)).state()).isEqualTo(FunctionState.DRAFT);
    }

    @Test
    void anotherAccountsFunctionIsNotFound() {
        FunctionInfo theirs = core.deployed("acme", "greeter", BOT);

        assertThatThrownBy(() -> core.functions.get("globex", theirs.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> core.functions.deploy("globex", theirs.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> core.functions.undeploy("globex", theirs.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> core.functions.update("globex", theirs.id(), spec("x", null))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> core.functions.delete("globex", theirs.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> core.functions.versions("globex", theirs.id())).isInstanceOf(NotFoundException.class);
        assertThat(core.functions.list("globex", 0, 10).items()).isEmpty();
        assertThat(core.deployedFunctions.deployed("globex", theirs.id())).isEmpty();
        assertThat(core.deployedFunctions.selectFor("globex", BOT, null)).isEmpty();
    }

    @Test
    void listingPagesThroughTheAccountsFunctions() {
        for (int i = 0; i < 5; i++) {
            core.functions.create("acme", spec("f" + i, null));
        }

        assertThat(core.functions.list("acme", 1, 2).items()).extracting(f -> f.spec().name()).containsExactly("f2", "f3");
        assertThat(core.functions.list("acme", 1, 2).total()).isEqualTo(5);
    }

    @Test
    void invalidSpecsListEveryFailingField() {
        String tooLong = "x".repeat(100_001);
        FunctionSpec invalid = new FunctionSpec("", "", tooLong, "no_such_event", List.of("sales"), 120_000L,
                List.of("ok.example.com", "bad domain"), Map.of("1BAD", "v"), null, null);

        assertThatThrownBy(() -> core.functions.create("acme", invalid)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fieldErrors()).extracting(f -> f.field())
                        .containsExactlyInAnyOrder("/name", "/code", "/eventType", "/timeoutMs", "/allowedDomains/1", "/env/1BAD"));
    }

    @Test
    void reservedAndOverlongEnvironmentVariablesAreRefusedAsLivePersonRefusesThem() {
        FunctionSpec invalid = new FunctionSpec("env", "", "async function lambda() {}", null, null, null, null,
                Map.of("BRAND_ID", "x", "X_LIVEPERSON_BRAND_ID", "x", "LONG", "v".repeat(201), "N".repeat(201), "x", "OK_NAME", "v".repeat(200)),
                null, null);

        assertThatThrownBy(() -> core.functions.create("acme", invalid)).isInstanceOfSatisfying(ValidationException.class,
                e -> {
                    assertThat(e.fieldErrors()).extracting(f -> f.field())
                            .containsExactlyInAnyOrder("/env/BRAND_ID", "/env/X_LIVEPERSON_BRAND_ID", "/env/LONG", "/env/" + "N".repeat(201));
                    assertThat(e.fieldErrors()).filteredOn(f -> f.field().equals("/env/BRAND_ID")).singleElement()
                            .satisfies(f -> assertThat(f.message()).startsWith("Variable name is reserved"));
                });
    }

    @Test
    void codeTheExecutorsCheckerRefusesIsRefusedOnCreateUpdateAndDeploy() {
        FunctionInfo draft = core.functions.create("acme", spec("checked", null));
        core.functions.codeChecker = code -> code.contains("lambda")
                ? List.of() : List.of(new CodeProblem("the code has no entry point", 0, 0), new CodeProblem("SyntaxError: oops", 3, 7));
        FunctionSpec broken = new FunctionSpec("broken", "", "function handler() {}", null, null, null, null, null, null, null);

        assertThatThrownBy(() -> core.functions.create("acme", broken)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fieldErrors()).extracting(f -> f.field() + " " + f.message())
                        .containsExactly("/code the code has no entry point", "/code line 3, column 7: SyntaxError: oops"));
        assertThatThrownBy(() -> core.functions.update("acme", draft.id(), broken)).isInstanceOf(ValidationException.class);
        assertThat(core.functions.deploy("acme", draft.id()).state()).isEqualTo(FunctionState.PRODUCTIVE);
    }

    @Test
    void skillsAreOnlyAllowedForEventsThatSupportThem() {
        assertThatThrownBy(() -> core.functions.create("acme", spec("bot", BOT, "sales")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("/skills"));
        assertThat(core.functions.create("acme", spec("end", END, "sales")).spec().skills()).containsExactly("sales");
    }

    @Test
    void aFunctionWhoseEventSourceIsGoneShowsWhatItWaitsFor() {
        CoreFixture partial = new CoreFixture(core.database);
        FunctionInfo deployed = core.deployed("acme", "greeter", BOT);

        FunctionInfo seenWithoutSource = partial.functions.get("acme", deployed.id());

        assertThat(seenWithoutSource.state()).isEqualTo(FunctionState.PRODUCTIVE);
        assertThat(seenWithoutSource.statusDetail()).contains("waiting for an event source", BOT);
        assertThat(deployed.statusDetail()).isNull();
    }
}
