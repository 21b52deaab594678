package io.switchboard.api.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.Problem;
import io.switchboard.api.http.internal.web.StreamedBody;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.http.api.HeldAnswers;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/** Writes answers and problems; bodies are serialised before anything is sent so a failure can still become a 500. */
final class ResponseWriter {
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Sends an answer that refuses for now (it carries Retry-After) later, or not: true when it took the sending over. */
    @FunctionalInterface
    interface Later {
        boolean send(HeldAnswers.Answer body);
    }

    /** Sends everything at once. */
    static final Later NOW = body -> false;

    private final Json json;

    ResponseWriter(Json json) {
        this.json = json;
    }

    void write(HttpServletResponse response, ApiResponse answer) throws IOException {
        write(response, answer, NOW);
    }

    void write(HttpServletResponse response, ApiResponse answer, Later later) throws IOException {
        if (answer.body() instanceof StreamedBody streamed) {
            stream(response, answer, streamed);
            return;
        }
        byte[] body = answer.body() == null ? null : serialise(answer.body());
        send(response, answer.status(), answer.headers(), JSON, body, later);
    }

    void write(HttpServletResponse response, Problem problem) throws IOException {
        write(response, problem, NOW);
    }

    void write(HttpServletResponse response, Problem problem, Later later) throws IOException {
        ObjectNode node = json.object();
        node.put("type", problem.typeUri());
        node.put("title", problem.title());
        node.put("status", problem.status());
        node.put("detail", problem.detail());
        if (!problem.errors().isEmpty()) {
            ArrayNode errors = node.putArray("errors");
            for (FieldError error : problem.errors()) {
                errors.addObject().put("field", error.field()).put("message", error.message());
            }
        }
        problem.extensions().forEach(node::putPOJO);
        send(response, problem.status(), problem.headers(), PROBLEM_JSON, serialise(node), later);
    }

    /**
     * Sends a body while it is written. A failure before anything was sent still becomes a problem (the buffer is
     * reset); after that the status is gone, so the connection is cut and the client sees a truncated body.
     */
    private static void stream(HttpServletResponse response, ApiResponse answer, StreamedBody streamed) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(streamed.contentType());
        response.setCharacterEncoding("UTF-8");
        try {
            streamed.writer().writeTo(response.getOutputStream());
        } catch (RuntimeException e) {
            if (!response.isCommitted()) {
                response.reset();
                throw e;
            }
            throw new IOException("The streamed " + streamed.contentType() + " body failed after it was partly sent", e);
        }
    }

    private byte[] serialise(Object body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.write(out, body);
        return out.toByteArray();
    }

    /** Status and headers now; the body now, or later for a refusal for now (status 4xx/5xx with Retry-After). */
    private static void send(HttpServletResponse response, int status, Map<String, String> headers, String contentType,
                             byte[] body, Later later) throws IOException {
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        if (body == null) {
            return;
        }
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        boolean refusedForNow = status >= 400 && headers.containsKey("Retry-After");
        if (!refusedForNow || !later.send(() -> response.getOutputStream().write(body))) {
            response.getOutputStream().write(body);
        }
    }
}
