package io.switchboard.http.api;

import java.util.Objects;

/** A body that was not read to its end, and why; the servlet answers it with the refusal's status. */
public final class BodyRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a body was refused; each maps to one HTTP status and problem type. */
    public enum Refusal {
        /** Larger than the servlet accepts (413). */
        TOO_LARGE(413, "payload-too-large", "Request body too large"),
        /** Not complete within the deadline, or arriving slower than the minimum data rate (408). */
        TOO_SLOW(408, "request-timeout", "Request body too slow"),
        /** The account already has as many bodies being read as it may (429). */
        ACCOUNT_BUSY(429, "too-many-requests", "Too many requests"),
        /** The server already reads as many bodies as it may (503). */
        SERVER_BUSY(503, "unavailable", "Service unavailable");

        private final int status;
        private final String type;
        private final String title;

        Refusal(int status, String type, String title) {
            this.status = status;
            this.type = type;
            this.title = title;
        }

        /** The HTTP status to answer. */
        public int status() {
            return status;
        }

        /** The problem type, the part after {@code urn:switchboard:problem:}. */
        public String type() {
            return type;
        }

        /** The problem title. */
        public String title() {
            return title;
        }

        /** Whether the caller may simply retry in a moment ({@code Retry-After: 1}). */
        public boolean retryable() {
            return this == ACCOUNT_BUSY || this == SERVER_BUSY;
        }
    }

    private final Refusal refusal;
    private final long limit;

    /**
     * @param refusal why
     * @param detail what happened and what to do, for the problem's {@code detail}
     * @param limit the limit that was reached (bytes, milliseconds or reads), for the problem's extra member
     */
    public BodyRefusedException(Refusal refusal, String detail, long limit) {
        super(detail);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
        this.limit = limit;
    }

    public Refusal refusal() {
        return refusal;
    }

    public long limit() {
        return limit;
    }
}
