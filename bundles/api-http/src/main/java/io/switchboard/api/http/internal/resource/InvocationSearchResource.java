package io.switchboard.api.http.internal.resource;

import io.switchboard.api.http.internal.ApiSettings;
import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.PageRequest;
import io.switchboard.api.http.internal.web.ProblemException;
import io.switchboard.api.http.internal.web.Problems;
import io.switchboard.api.http.internal.web.StreamedBody;
import io.switchboard.core.api.function.FunctionService;
import io.switchboard.core.api.function.InvocationFilter;
import io.switchboard.core.api.function.InvocationService;
import io.switchboard.core.api.function.ReportRange;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Searching invocation records (per function and per account) with filters, exporting them as CSV or JSON lines
 * (streamed, up to the core's export limit), and a function's invocation report.
 */
public final class InvocationSearchResource {
    private static final String FUNCTION = FunctionsResource.BASE + "/{id}";
    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";

    /** What a search answers as. */
    enum Format { JSON, CSV, NDJSON }

    private final InvocationService invocations;
    private final FunctionService functions;
    private final Json json;
    private final Views views;
    private final ApiSettings settings;

    public InvocationSearchResource(InvocationService invocations, FunctionService functions, Json json, Views views, ApiSettings settings) {
        this.invocations = invocations;
        this.functions = functions;
        this.json = json;
        this.views = views;
        this.settings = settings;
    }

    public void addRoutes(Router.Builder router) {
        router.get(FUNCTION + "/invocations", request -> search(request, request.path("id")))
              .get("/accounts/{account}/invocations", request -> search(request, null))
              .get(FUNCTION + "/report", this::report);
    }

    private ApiResponse search(ApiRequest request, String functionId) {
        InvocationFilter filter = InvocationQuery.filter(request);
        Format format = format(request);
        String account = request.path("account");
        if (format == Format.JSON) {
            PageRequest page = PageRequest.from(request, settings);
            return ApiResponse.ok(views.page(invocations.search(account, functionId, filter, page.page(), page.size()), views::invocation));
        }
        if (functionId != null) {
            functions.get(account, functionId); // a missing function is a 404 before anything is streamed
        }
        String name = "invocations-" + (functionId == null ? account : functionId) + (format == Format.CSV ? ".csv" : ".ndjson");
        Map<String, String> headers = Map.of("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"",
                "X-Export-Limit", Integer.toString(invocations.exportLimit()));
        StreamedBody body = new StreamedBody(format == Format.CSV ? CSV : NDJSON, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
            InvocationExport export = format == Format.CSV ? InvocationExport.csv(writer, views) : InvocationExport.jsonLines(writer, views, json);
            try {
                invocations.export(account, functionId, filter, export);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        });
        return new ApiResponse(200, body, headers);
    }

    /** {@code ?format=} when given, else the Accept header; JSON pages by default. */
    static Format format(ApiRequest request) {
        if (request.query("format").isPresent()) {
            String text = request.query("format").get().trim().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "json" -> Format.JSON;
                case "csv" -> Format.CSV;
                case "ndjson", "jsonl" -> Format.NDJSON;
                default -> throw new ProblemException(Problems.validation("format", "must be one of json, csv, ndjson, was '" + text + "'"));
            };
        }
        String accept = request.header("Accept").orElse("").toLowerCase(Locale.ROOT);
        if (accept.contains(CSV)) {
            return Format.CSV;
        }
        return accept.contains(NDJSON) ? Format.NDJSON : Format.JSON;
    }

    private ApiResponse report(ApiRequest request) {
        String label = request.query("range").orElse("24h");
        ReportRange range = ReportRange.ofLabel(label.trim()).orElseThrow(() -> new ProblemException(Problems.validation("range",
                "must be one of " + Arrays.stream(ReportRange.values()).map(ReportRange::label).collect(Collectors.joining(", "))
                        + ", was '" + label + "'")));
        return ApiResponse.ok(ReportView.of(invocations.report(request.path("account"), request.path("id"), range)));
    }

    /** For the exports' writers, which throw IOException through a Consumer. */
    static void unchecked(IOException e) {
        throw new UncheckedIOException(e);
    }
}
