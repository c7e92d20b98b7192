package dev.medianest.features.assistant;

/**
 * An argument a tool cannot take, thrown by the argument records as they are built, so that an LLM
 * or an MCP client is told which field was wrong and why instead of the tool failing later.
 *
 * @see Tools for how it becomes a {@link ToolError} naming the field
 */
public final class InvalidArgument extends RuntimeException {

    private final String field;
    private final String messageKey;
    private final transient Object[] args;

    /**
     * @param field      the argument's name as the schema gives it ({@code season}, {@code title})
     * @param messageKey what is wrong, from the {@code assistant} bundle ({@code tool.argument.required})
     */
    public InvalidArgument(String field, String messageKey, Object... args) {
        super(field + ": " + messageKey, null, false, false);
        this.field = field;
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }

    /** Requires a non-blank text of at most {@code max} characters; returns it stripped. */
    public static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidArgument(field, "tool.argument.required");
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new InvalidArgument(field, "tool.argument.too_long", max);
        }
        return stripped;
    }

    /** Requires {@code value} within {@code min..max} when present. */
    public static Integer requireRange(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidArgument(field, "tool.argument.range", min, max);
        }
        return value;
    }
}
