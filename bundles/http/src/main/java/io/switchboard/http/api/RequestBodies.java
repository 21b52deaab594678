package io.switchboard.http.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a request's body for a servlet, after the caller was authenticated from the request's headers: bounded in
 * size, in time (a deadline and a minimum data rate, so a slow client cannot hold a server thread), and in how many
 * bodies are read at once, in all and per account (so one account cannot take every slot).
 */
@ProviderType
public interface RequestBodies {

    /**
     * The whole body of the request.
     *
     * @param request a request whose body was not read yet
     * @param account the account the read counts against: the authenticated one, or the one a signed call names
     * @param maxBytes the largest body the servlet accepts
     * @return the body; empty when the request has none
     * @throws BodyRefusedException when the body is too large, arrives too slowly, or too many bodies are being read;
     *         the rest of the body is then unread and the connection must be closed after the answer
     * @throws IOException when the connection failed while reading (the client went away or sent less than it promised)
     */
    byte[] read(HttpServletRequest request, String account, long maxBytes) throws IOException;
}
