package dev.medianest.features.assistant;

/**
 * Why the LLM could not answer this turn. The assistant says so in a line and answers with the
 * offline understanding instead.
 */
public final class ModelFailure extends Exception {

    /** What went wrong, so the reply can say what to do about it. */
    public enum Kind {
        /** Nothing listens at the base URL, or the name does not resolve. */
        UNREACHABLE,
        /** No complete answer within the configured timeout. */
        TIMEOUT,
        /** 429 after every retry. */
        RATE_LIMITED,
        /** 5xx after every retry. */
        SERVER_ERROR,
        /** 401/403: the API key is missing or refused. */
        KEY_REFUSED,
        /** 400/404: the model name or the request was refused (an unknown model, a context too long). */
        REFUSED,
        /** An answer we could not read. */
        MALFORMED
    }

    private final Kind kind;

    public ModelFailure(Kind kind, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
