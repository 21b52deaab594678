package io.switchboard.api.http.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.InvocationState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Writes exported invocation records one at a time as they are read: CSV rows or JSON lines. */
abstract class InvocationExport implements Consumer<InvocationRecord> {

    /** The CSV columns, in order. */
    static final List<String> CSV_COLUMNS = List.of("id", "functionId", "version", "eventType", "trigger", "startedAt", "durationMs",
            "outcome", "state", "errorCode", "errorMessage", "result", "logs");

    protected final Writer writer;
    protected final Views views;

    private InvocationExport(Writer writer, Views views) {
        this.writer = writer;
        this.views = views;
    }

    @Override
    public final void accept(InvocationRecord record) {
        try {
            write(record);
        } catch (IOException e) {
            InvocationSearchResource.unchecked(e);
        }
    }

    abstract void write(InvocationRecord record) throws IOException;

    static InvocationExport jsonLines(Writer writer, Views views, Json json) {
        return new InvocationExport(writer, views) {
            @Override
            void write(InvocationRecord record) throws IOException {
                ByteArrayOutputStream line = new ByteArrayOutputStream(512);
                json.write(line, views.invocation(record));
                writer.write(line.toString(StandardCharsets.UTF_8));
                writer.write('\n');
            }
        };
    }

    /** RFC 4180 CSV with a header row; log lines as {@code time LEVEL message}, one per line of the cell. */
    static InvocationExport csv(Writer writer, Views views) throws IOException {
        writer.write(String.join(",", CSV_COLUMNS));
        writer.write("\r\n");
        return new InvocationExport(writer, views) {
            @Override
            void write(InvocationRecord r) throws IOException {
                Views.InvocationView v = views.invocation(r);
                List<String> cells = List.of(v.id(), v.functionId(), Integer.toString(v.version()), nullable(v.eventType()), v.trigger(),
                        v.startedAt(), Long.toString(v.durationMs()), v.outcome(), InvocationState.of(r.outcome(), r.error()).name(),
                        r.error() == null ? "" : nullable(r.error().errorCode()), r.error() == null ? "" : nullable(r.error().errorMsg()),
                        v.result() == null ? "" : text(v.result()),
                        v.logs().stream().map(l -> l.time() + " " + l.level() + " " + l.message()).collect(Collectors.joining("\n")));
                writer.write(cells.stream().map(InvocationExport::cell).collect(Collectors.joining(",")));
                writer.write("\r\n");
            }
        };
    }

    private static String text(JsonNode node) {
        return node.toString();
    }

    private static String nullable(String text) {
        return text == null ? "" : text;
    }

    /**
     * A quoted cell when it holds a separator, a quote or a line break; a cell a spreadsheet would run as a formula
     * (starting with =, +, - or @) gets a leading apostrophe, as OWASP's CSV-injection advice says.
     */
    static String cell(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?") ? "'" + text : text;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
