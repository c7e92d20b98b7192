package dev.medianest.features.assistant;

import dev.medianest.features.accounts.Principal;
import dev.medianest.platform.i18n.Messages;

/**
 * One assistant action, defined once for every channel: its name, description and argument schema
 * ({@link #definition()}), a record type its JSON arguments are read into (the record validates
 * itself and throws {@link InvalidArgument}), and the handler.
 *
 * @param <A> the argument record
 */
public interface Tool<A extends Record> {

    ToolDefinition definition();

    Class<A> argumentType();

    /**
     * Runs with the caller's identity and permissions. Throws {@link dev.medianest.platform.errors.AppException}
     * for refusals the web would show the same way (forbidden, not found, quota, service down).
     */
    ToolResult run(Call<A> call);

    /** One call: who asks, in which language, with what, and where to report progress. */
    record Call<A>(Principal who, Messages.Texts texts, A arguments, ToolProgress progress) {
    }
}
