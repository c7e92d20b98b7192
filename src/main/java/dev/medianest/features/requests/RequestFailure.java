package dev.medianest.features.requests;

import dev.medianest.features.services.ServiceProblem;

/** A backend could not take or report on a request; {@link #problem()} says why in words a person can act on. */
public final class RequestFailure extends RuntimeException {

    private final transient ServiceProblem problem;

    public RequestFailure(ServiceProblem problem, Throwable cause) {
        super(problem.messageKey() + " " + problem.args(), cause, false, false);
        this.problem = problem;
    }

    public ServiceProblem problem() {
        return problem;
    }
}
