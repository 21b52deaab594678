package io.switchboard.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelBudgetTest {

    @Test
    void accountsBeyondTheBudgetAreCountedAsOtherWhileAdmittedOnesKeepTheirNames() {
        LabelBudget labels = new LabelBudget(2, 10);

        assertThat(labels.account("acme")).isEqualTo("acme");
        assertThat(labels.account("globex")).isEqualTo("globex");
        assertThat(labels.account("initech")).isEqualTo(LabelBudget.OTHER);
        assertThat(labels.account("acme")).isEqualTo("acme");
    }

    @Test
    void functionsAreBoundedOverAllAccountsAndAFunctionOfAnOtherAccountIsOtherToo() {
        LabelBudget labels = new LabelBudget(1, 2);

        assertThat(labels.function("acme", "f1")).isEqualTo("f1");
        assertThat(labels.function("acme", "f2")).isEqualTo("f2");
        assertThat(labels.function("acme", "f3")).isEqualTo(LabelBudget.OTHER);
        assertThat(labels.function("globex", "g1")).isEqualTo(LabelBudget.OTHER);
        assertThat(labels.function("acme", "f1")).isEqualTo("f1");
    }

    @Test
    void aBudgetOfNoFunctionsLeavesTheFunctionLabelOut() {
        assertThat(new LabelBudget(1, 0).functionsLabelled()).isFalse();
        assertThat(new LabelBudget(1, 1).functionsLabelled()).isTrue();
    }
}
