package dev.medianest.channels.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/** Every cookie MediaNest sets: HttpOnly, SameSite=Lax, path /, and Secure when the request came over HTTPS. */
final class Cookies {

    private Cookies() {
    }

    /** {@code maxAgeSeconds} -1 makes a cookie that ends with the browser session. */
    static void set(Context ctx, RequestState state, String name, String value, int maxAgeSeconds) {
        ctx.cookie(new Cookie(name, value, "/", maxAgeSeconds, state.https, true, null, SameSite.LAX));
    }

    static void clear(Context ctx, RequestState state, String name) {
        set(ctx, state, name, "", 0);
    }
}
