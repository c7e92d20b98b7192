package dev.medianest.features.catalog;

import dev.medianest.features.services.ServiceProblem;

/**
 * A metadata source could not answer; {@link #problem()} says why in words a person can act on
 * (the source unreachable, its key refused, no source configured).
 */
public final class MetadataFailure extends RuntimeException {

    private final transient ServiceProblem problem;

    public MetadataFailure(ServiceProblem problem, Throwable cause) {
        super(problem.messageKey() + " " + problem.args(), cause, false, false);
        this.problem = problem;
    }

    public ServiceProblem problem() {
        return problem;
    }
}
