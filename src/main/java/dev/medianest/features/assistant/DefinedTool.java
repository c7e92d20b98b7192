package dev.medianest.features.assistant;

import java.util.Objects;

/**
 * What every tool of this package shares: its definition and argument record, given once when it is
 * built, so each tool's class holds only its arguments, its words for a model and its handler.
 */
abstract class DefinedTool<A extends Record> implements Tool<A> {

    private final ToolDefinition definition;
    private final Class<A> argumentType;

    DefinedTool(ToolDefinition definition, Class<A> argumentType) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.argumentType = Objects.requireNonNull(argumentType, "argumentType");
    }

    @Override
    public final ToolDefinition definition() {
        return definition;
    }

    @Override
    public final Class<A> argumentType() {
        return argumentType;
    }
}
