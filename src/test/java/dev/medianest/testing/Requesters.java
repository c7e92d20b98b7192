package dev.medianest.testing;

import dev.medianest.App;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.accounts.Role;
import dev.medianest.features.accounts.User;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestDraft;
import dev.medianest.features.requests.RequestState;
import dev.medianest.features.requests.RequestedTitle;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** People asking for titles in a {@link TestApp}, and requests brought to where a test starts from. */
public final class Requesters {

    private Requesters() {
    }

    /** The user acting as through a browser session. */
    public static Principal principal(User user) {
        return new Principal(user, user.isAdmin(), user.effectivePermissions(), new Principal.SessionCredential("session", "csrf"));
    }

    public static Principal admin(App app) {
        return principal(app.accounts().findByUsername("admin").orElseThrow());
    }

    /** A new member with these permissions, made by the admin. */
    public static Principal member(App app, Principal admin, String name, Set<Permission> permissions) {
        return principal(app.accounts().create(admin.user().id(), new NewUser(name, name, "a long enough password", Role.USER, permissions,
                false, Optional.empty())));
    }

    public static RequestedTitle movie(int tmdbId, String name) {
        return new RequestedTitle(TitleType.MOVIE, List.of(ExternalId.tmdb(tmdbId)), name, OptionalInt.empty(), Optional.empty());
    }

    /** Asked for by {@code asker}, approved by the admin and sent: processing, as the backend reported. */
    public static MediaRequest approvedAndSent(App app, Principal admin, Principal asker, RequestedTitle title) {
        MediaRequest request = app.requests().submit(asker, RequestDraft.of(title, false)).request();
        app.requests().approve(admin, request.id(), Optional.empty());
        app.requestDispatcher().sendDue();
        MediaRequest sent = app.requests().get(asker, request.id());
        if (sent.state() != RequestState.PROCESSING) {
            throw new AssertionError("expected the request to be processing after sending, but it is " + sent.state() + " " + sent.lastError());
        }
        return sent;
    }
}
