package io.switchboard.executor.graaljs.internal.compat;

import static io.switchboard.executor.graaljs.internal.compat.Compat.request;
import static io.switchboard.executor.graaljs.internal.compat.Compat.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.executor.graaljs.internal.ExecutorHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both LivePerson styles, the module.exports forms of LP's own recipes, V2's ES imports and the entry-point rule. */
class ModuleModelTest {
    private static ExecutorHarness harness;

    @BeforeAll
    static void start() {
        harness = new ExecutorHarness(Map.of());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void v2CodeImportsTheToolbeltAndLibraries() {
        assertThat(run(harness, """
                import { Toolbelt } from "core-functions-toolbelt";
                import _ from "lodash";
                import { DateTime } from 'luxon';
                import { createHash } from 'node:crypto';
                export async function lambda(input) {
                  return [typeof Toolbelt, Toolbelt === require('lp-faas-toolbelt'), _.sum([1, 2]), DateTime.fromMillis(0, { zone: 'utc' }).year,
                    createHash('md5').update('').digest('hex')];
                }"""))
                .isEqualTo("[\"object\",true,3,1970,\"d41d8cd98f00b204e9800998ecf8427e\"]");
    }

    @Test
    void aDefaultExportIsTheEntryPoint() {
        assertThat(run(harness, """
                import { chunk } from 'es-toolkit';
                export default async function (input) { return chunk([1, 2, 3], 2); }""")).isEqualTo("[[1,2],[3]]");
    }

    @Test
    void aTopLevelLambdaOfAModuleIsTheEntryPointEvenUnexported() {
        assertThat(run(harness, """
                import jwt from 'jsonwebtoken';
                async function lambda(input) { return typeof jwt.sign; }""")).isEqualTo("\"function\"");
    }

    @Test
    void moduleExportsOfANamedLambdaWorksAsInLpsUnitTestRecipe() {
        assertThat(run(harness, """
                function lambda(input, callback) { callback(null, 'recipe'); }
                module.exports = lambda;""")).isEqualTo("\"recipe\"");
    }

    @Test
    void moduleExportsOfAnArrowFunctionWithACallbackWorks() {
        assertThat(run(harness, "module.exports = (data, cb) => cb(null, { got: data.payload.n });", "{\"n\":5}"))
                .isEqualTo("{\"got\":5}");
    }

    @Test
    void exportsLambdaAndAConstLambdaWork() {
        assertThat(run(harness, "exports.lambda = async (input) => 'exports';")).isEqualTo("\"exports\"");
        assertThat(run(harness, "module.exports = { lambda: async () => 'object' };")).isEqualTo("\"object\"");
        assertThat(run(harness, "const lambda = async (input) => 'const';")).isEqualTo("\"const\"");
    }

    @Test
    void codeWithoutAnEntryPointIsInvalid() {
        ExecutionResult script = harness.executor().execute(request("async function handler() {}", "{}"));
        ExecutionResult module = harness.executor().execute(request("import _ from 'lodash';\nexport const x = 1;", "{}"));

        assertThat(script.error().errorCode()).isEqualTo("com.switchboard.function.invalid-code");
        assertThat(script.error().errorMsg()).contains("module.exports");
        assertThat(module.error().errorCode()).isEqualTo("com.switchboard.function.invalid-code");
        assertThat(module.error().errorMsg()).contains("export a function lambda");
    }

    @Test
    void onlyThePlatformsModulesCanBeRequiredOrImported() {
        assertThat(run(harness, """
                async function lambda() {
                  const tried = [];
                  for (const name of ['fs', 'child_process', '/etc/passwd', '../lodash', 'left-pad']) {
                    try { require(name); tried.push('loaded ' + name); } catch (e) { tried.push(e.code); }
                  }
                  for (const name of ['/etc/passwd', 'fs', 'file:///etc/passwd', '../../../etc/hostname']) {
                    try { await import(name); tried.push('imported ' + name); } catch (e) { tried.push('no'); }
                  }
                  return tried;
                }"""))
                .isEqualTo("[\"MODULE_NOT_FOUND\",\"MODULE_NOT_FOUND\",\"MODULE_NOT_FOUND\",\"MODULE_NOT_FOUND\",\"MODULE_NOT_FOUND\","
                        + "\"no\",\"no\",\"no\",\"no\"]");
    }

    @Test
    void anUnknownImportFailsTheRunNamingTheModule() {
        ExecutionResult result = harness.executor().execute(request("import x from 'left-pad';\nexport async function lambda() {}", "{}"));

        assertThat(result.error().errorMsg()).contains("left-pad");
    }

    @Test
    void theSameLibraryIsOneInstanceForRequireAndImport() {
        assertThat(run(harness, """
                import _ from 'lodash';
                import { Buffer as B } from 'buffer';
                export const lambda = async () => [_ === require('lodash'), B === Buffer];""")).isEqualTo("[true,true]");
    }
}
