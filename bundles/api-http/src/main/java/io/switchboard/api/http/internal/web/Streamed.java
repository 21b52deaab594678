package io.switchboard.api.http.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A body that is not one JSON document but a stream the handler keeps writing after the request thread returns (the
 * servlet's asynchronous mode). Everything that may fail as a problem (authentication, tenancy, limits) is checked
 * before a handler answers one.
 */
@FunctionalInterface
public interface Streamed {

    /** Starts the stream on the request; called once, on the request thread, with nothing written yet. */
    void start(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
