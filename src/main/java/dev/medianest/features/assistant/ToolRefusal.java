package dev.medianest.features.assistant;

import java.util.Objects;
import java.util.Optional;

/**
 * A refusal only a tool has words for: several downloads match a name and the caller must pick one,
 * only admins control downloads, no request of that number is the caller's. Thrown by a tool's
 * handler; {@link Tools} turns it into a {@link ToolError} of its kind with the message in the
 * caller's language. Refusals the web shows the same way stay {@link dev.medianest.platform.errors.AppException}s.
 */
public final class ToolRefusal extends RuntimeException {

    private final ToolError.Kind kind;
    private final transient Optional<String> field;
    private final String messageKey;
    private final transient Object[] args;

    /**
     * @param field      the argument the refusal is about, when one is
     * @param messageKey what happened and what to do, from the message bundles
     */
    public ToolRefusal(ToolError.Kind kind, Optional<String> field, String messageKey, Object... args) {
        super(kind.wireName() + ": " + messageKey, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = Objects.requireNonNull(field, "field");
        this.messageKey = Objects.requireNonNull(messageKey, "messageKey");
        this.args = args.clone();
    }

    public static ToolRefusal forbidden(String messageKey, Object... args) {
        return new ToolRefusal(ToolError.Kind.FORBIDDEN, Optional.empty(), messageKey, args);
    }

    public static ToolRefusal notFound(String field, String messageKey, Object... args) {
        return new ToolRefusal(ToolError.Kind.NOT_FOUND, Optional.of(field), messageKey, args);
    }

    public static ToolRefusal conflict(String field, String messageKey, Object... args) {
        return new ToolRefusal(ToolError.Kind.CONFLICT, Optional.of(field), messageKey, args);
    }

    public ToolError.Kind kind() {
        return kind;
    }

    public Optional<String> field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
