package io.switchboard.api.http.internal.web;

/** Thrown by request handling to answer with a problem; carries no stack trace because it is not a fault. */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
