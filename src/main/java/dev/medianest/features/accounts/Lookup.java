package dev.medianest.features.accounts;

/** The outcome of presenting a session cookie or an API token. */
public sealed interface Lookup {

    /** Valid: the request runs as this principal. */
    record Active(Principal principal) implements Lookup {
    }

    /** It existed but has run out (idle too long, past its expiry); the person must sign in again. */
    record Expired() implements Lookup {
    }

    /** Never issued, revoked, or signed out. */
    record Unknown() implements Lookup {
    }

    /** Valid, but an admin has disabled the account. */
    record Disabled() implements Lookup {
    }
}
