package dev.medianest.features.services;

import java.util.List;

/**
 * Something wrong with a configured service, in words a person can act on: a message key
 * ({@code remote.unauthorized}, {@code service.version_too_old} …) and its arguments.
 */
public record ServiceProblem(String messageKey, List<String> args) {

    public ServiceProblem {
        args = List.copyOf(args);
    }

    public static ServiceProblem of(String messageKey, String... args) {
        return new ServiceProblem(messageKey, List.of(args));
    }
}
