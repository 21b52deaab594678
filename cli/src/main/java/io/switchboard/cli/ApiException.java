package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The server answered an error: its status and problem detail (RFC 9457), printed as the server sent it. */
public final class ApiException extends CliException {
    private final int status;
    private final transient JsonNode problem;

    public ApiException(String request, int status, JsonNode problem) {
        super(ExitCode.API_ERROR, request + " answered " + status + ": " + problem.path("detail").asText(problem.path("title").asText("")));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public JsonNode problem() {
        return problem;
    }
}
