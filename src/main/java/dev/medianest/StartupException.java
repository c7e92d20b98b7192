package dev.medianest;

/**
 * MediaNest cannot start for a reason the operator can fix (an unwritable data directory, an
 * unreachable database). Carries a message key and its arguments for the console.
 */
public final class StartupException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public StartupException(String messageKey, Throwable cause, Object... args) {
        super(messageKey, cause);
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
