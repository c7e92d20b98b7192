package dev.medianest.platform.config;

import java.util.List;

/** The configuration cannot be used; nothing was started. Carries every problem found. */
public final class ConfigException extends Exception {

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigException::describe).reduce((a, b) -> a + "; " + b).orElse("invalid configuration"));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(ConfigProblem problem) {
        return problem.source() + ": " + problem.key() + " = '" + problem.value() + "' (" + problem.kind()
                + "; allowed: " + problem.allowed() + ")";
    }
}
