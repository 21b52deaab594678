package io.switchboard.api.http.internal.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvocationExportTest {

    @Test
    void cellsWithSeparatorsQuotesOrLineBreaksAreQuoted() {
        assertThat(InvocationExport.cell("plain")).isEqualTo("plain");
        assertThat(InvocationExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(InvocationExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(InvocationExport.cell("one\ntwo")).isEqualTo("\"one\ntwo\"");
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreDefusedButNegativeNumbersAreNot() {
        assertThat(InvocationExport.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(InvocationExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(InvocationExport.cell("-12")).isEqualTo("-12");
    }
}
