package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.CodeProblem;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The save check: the entry-point rule and the parse, with line and column of what is wrong. */
class GraalJsCodeCheckerTest {
    private static GraalJsCodeChecker checker;

    @BeforeAll
    static void start() {
        checker = new GraalJsCodeChecker();
    }

    @AfterAll
    static void stop() {
        checker.deactivate();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "function lambda(input, callback) { callback(null, 1); }",
        "async function lambda(input) { return 1; }",
        "const lambda = async (input) => 1;",
        "function handler(input, cb) { cb(null, 1); }\nmodule.exports = handler;",
        "module.exports = (data, cb) => cb(null, data);",
        "exports.lambda = async () => 1;",
        "module.exports = { lambda: async () => 1 };",
        "module.exports.lambda = function (i, cb) { cb(); };",
        "import { Toolbelt } from 'core-functions-toolbelt';\nexport async function lambda(input) { return 1; }",
        "import _ from 'lodash';\nexport default async function (input) { return _.sum([1]); }",
        "import { DateTime } from 'luxon';\nasync function lambda(input) { return 1; }",
        "import crypto from 'node:crypto';\nconst lambda = async () => 1;\nexport { lambda };",
        "#!/usr/bin/env node\nasync function lambda() {}",
    })
    void codeWithAnEntryPointPasses(String code) {
        assertThat(checker.check(code)).as(code).isEmpty();
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLineAndColumn() {
        List<CodeProblem> problems = checker.check("async function lambda(input) {\n  return input.payload.;\n}");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.message()).contains("SyntaxError");
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).isPositive();
        });
    }

    @Test
    void codeWithoutAnEntryPointIsRefused() {
        assertThat(checker.check("async function handler(input) { return 1; }")).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("no entry point").contains("module.exports"));
        assertThat(checker.check("import _ from 'lodash';\nexport const answer = 42;")).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("export a function lambda"));
    }

    @Test
    void anUnknownImportIsRefusedWhereItIs() {
        assertThat(checker.check("import _ from 'lodash';\nimport pad from 'left-pad';\nexport async function lambda() {}")).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.message()).startsWith("Cannot find module 'left-pad'").contains("luxon");
                    assertThat(problem.line()).isEqualTo(2);
                    assertThat(problem.column()).isEqualTo(17);
                });
    }

    @Test
    void nothingOfTheCodeRuns() {
        assertThat(checker.check("for (;;) {}\nasync function lambda() {}")).isEmpty();
    }
}
