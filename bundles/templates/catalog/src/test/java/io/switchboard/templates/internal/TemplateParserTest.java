package io.switchboard.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.templates.api.Template;
import io.switchboard.templates.api.TemplateSource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TemplateParserTest {
    private static final TemplateSource SOURCE = new TemplateSource(TemplateSource.Kind.FOLDER, "/tmp/t");
    private static final String CODE = "async function lambda(input) {\n  return { text: 'hi' };\n}\n";
    private static GraalSyntaxChecker graal;
    private static TemplateParser parser;

    @BeforeAll
    static void engine() {
        graal = new GraalSyntaxChecker();
        parser = new TemplateParser(4096, graal);
    }

    @AfterAll
    static void close() {
        graal.close();
    }

    static String file(String metadata, String code) {
        return "/*template\n" + metadata + "\n*/\n" + code;
    }

    private static Template parse(String fileName, String text) throws TemplateRejectedException {
        return parser.parse(fileName, text.getBytes(StandardCharsets.UTF_8), SOURCE);
    }

    @Test
    void aTemplateFileGivesEveryMetadataFieldTheCodeAndAContentVersion() throws Exception {
        Template template = parse("hello-world.js", file("""
                {"name": "Hello", "description": "says hi", "eventType": "conversational_command", "defaultForEvent": true,
                 "requiredDomains": ["api.example.com"], "requiredSecrets": ["token"], "requiredEnv": ["GREETING"]}""", CODE));

        assertThat(template.id()).isEqualTo("hello-world");
        assertThat(template.name()).isEqualTo("Hello");
        assertThat(template.description()).isEqualTo("says hi");
        assertThat(template.eventType()).isEqualTo("conversational_command");
        assertThat(template.defaultForEvent()).isTrue();
        assertThat(template.requiredDomains()).containsExactly("api.example.com");
        assertThat(template.requiredSecrets()).containsExactly("token");
        assertThat(template.requiredEnv()).containsExactly("GREETING");
        assertThat(template.code()).isEqualTo(CODE);
        assertThat(template.version()).matches("sha256:[0-9a-f]{12}");
        assertThat(template.source()).isEqualTo(SOURCE);
    }

    @Test
    void aTemplateWithoutEventNeedsOnlyAName() throws Exception {
        Template template = parse("plain.js", file("{\"name\": \"Plain\"}", CODE));

        assertThat(template.eventType()).isNull();
        assertThat(template.defaultForEvent()).isFalse();
        assertThat(template.requiredDomains()).isEmpty();
    }

    @Test
    void theVersionChangesWithTheContentAndOnlyWithIt() throws Exception {
        String one = file("{\"name\": \"A\"}", CODE);
        String two = file("{\"name\": \"A\"}", CODE.replace("hi", "hello"));

        assertThat(parse("a.js", one).version()).isEqualTo(parse("a.js", one).version());
        assertThat(parse("a.js", one).version()).isNotEqualTo(parse("a.js", two).version());
    }

    @Test
    void aFileWithoutMetadataCommentIsRejected() {
        assertThatThrownBy(() -> parse("a.js", CODE))
                .isInstanceOf(TemplateRejectedException.class).hasMessageContaining("must start with a metadata comment");
    }

    @Test
    void metadataThatIsNotJsonIsRejectedWithItsLine() {
        assertThatThrownBy(() -> parse("a.js", file("{\"name\": \"A\",\n \"description\": }", CODE)))
                .isInstanceOf(TemplateRejectedException.class).hasMessageContaining("not valid JSON").hasMessageContaining("line 3 of the file");
    }

    @Test
    void metadataWithoutNameIsRejected() {
        assertThatThrownBy(() -> parse("a.js", file("{\"description\": \"no name\"}", CODE)))
                .isInstanceOf(TemplateRejectedException.class).hasMessageContaining("\"name\" is required");
    }

    @Test
    void anUnknownMetadataFieldIsRejectedToCatchTypos() {
        assertThatThrownBy(() -> parse("a.js", file("{\"name\": \"A\", \"evenType\": \"x\"}", CODE)))
                .isInstanceOf(TemplateRejectedException.class).hasMessageContaining("unknown field \"evenType\"");
    }

    @Test
    void aDefaultTemplateWithoutEventIsRejected() {
        assertThatThrownBy(() -> parse("a.js", file("{\"name\": \"A\", \"defaultForEvent\": true}", CODE)))
                .isInstanceOf(TemplateRejectedException.class).hasMessageContaining("needs an \"eventType\"");
    }

    @Test
    void requiredNamesMustBeAnArrayOfStrings() {
        assertThatThrownBy(() -> parse("a.js", file("{\"name\": \"A\", \"requiredEnv\": \"X\"}", CODE)))
                .isInstanceOf(TemplateRejectedException.class).hasMessageContaining("\"requiredEnv\" must be an array");
    }

    @Test
    void aJavaScriptSyntaxErrorIsRejectedWithItsLine() {
        assertThatThrownBy(() -> parse("a.js", file("{\"name\": \"A\"}", "async function lambda(input) {\n  return {;\n}\n")))
                .isInstanceOf(TemplateRejectedException.class).hasMessageContaining("JavaScript syntax error at line 5")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void codeWithoutLambdaIsRejected() {
        assertThatThrownBy(() -> parse("a.js", file("{\"name\": \"A\"}", "async function main(input) { return 1; }")))
                .isInstanceOf(TemplateRejectedException.class).hasMessageContaining("no function 'lambda'");
    }

    @Test
    void anOversizedFileIsRejectedBeforeParsing() {
        String big = file("{\"name\": \"A\"}", CODE + "// " + "x".repeat(5000));

        assertThatThrownBy(() -> parse("a.js", big))
                .isInstanceOf(TemplateRejectedException.class).hasMessageContaining("larger than the limit of 4096 bytes");
    }

    @Test
    void aFileNameThatIsNoIdIsRejected() {
        assertThatThrownBy(() -> parse("Hello World.js", file("{\"name\": \"A\"}", CODE)))
                .isInstanceOf(TemplateRejectedException.class).hasMessageContaining("file name must be <id>.js");
    }

    @Test
    void withoutSyntaxCheckerBrokenCodeStillNeedsMetadataButPasses() throws Exception {
        TemplateParser unchecked = new TemplateParser(4096, SyntaxChecker.NONE);

        Template template = unchecked.parse("a.js", file("{\"name\": \"A\"}", "function lambda( {").getBytes(StandardCharsets.UTF_8), SOURCE);

        assertThat(template.code()).isEqualTo("function lambda( {");
    }
}
