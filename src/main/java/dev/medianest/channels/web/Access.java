package dev.medianest.channels.web;

import io.javalin.security.RouteRole;

/** Who may reach a route. Every route in {@link RouteTable} names exactly one. */
enum Access implements RouteRole {
    /** Anyone, signed in or not. */
    PUBLIC,
    /** Anyone signed in, even with a password change pending (the change page itself, sign-out). */
    SIGNED_IN,
    /** Signed in with a password that needs no change. */
    MEMBER,
    /** An admin (a session, or a token that kept its admin scope). */
    ADMIN
}
