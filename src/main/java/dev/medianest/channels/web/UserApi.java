package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.features.accounts.UserChanges;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Language;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/users}: account administration for admins. */
final class UserApi {

    private final Accounts accounts;
    private final ObjectMapper mapper;

    UserApi(Accounts accounts, ObjectMapper mapper) {
        this.accounts = accounts;
        this.mapper = mapper;
    }

    void list(Context ctx) {
        ctx.json(Map.of("items", accounts.list().stream().map(Views::user).toList()));
    }

    void get(Context ctx) {
        ctx.json(Views.user(accounts.get(id(ctx))));
    }

    void create(Context ctx) {
        JsonInput input = JsonInput.read(ctx, mapper,
                Set.of("username", "displayName", "password", "role", "permissions", "mustChangePassword", "language"));
        String username = input.string("username").orElse(null);
        String displayName = input.string("displayName").orElse(null);
        String password = input.string("password").orElse(null);
        Role role = input.string("role").map(name -> role(name, input)).orElse(Role.USER);
        Optional<Set<Permission>> permissions = input.strings("permissions").map(names -> AccountApi.parsePermissions(names, input));
        boolean mustChange = input.bool("mustChangePassword").orElse(true);
        Optional<Language> language = input.string("language").flatMap(code -> {
            Optional<Language> parsed = Language.fromCode(code);
            if (parsed.isEmpty()) {
                input.problem("language", "validation.language");
            }
            return parsed;
        });
        input.throwIfInvalid();
        NewUser request = new NewUser(username, displayName, password, role, permissions.orElse(null), mustChange, language);
        long actor = RequestState.of(ctx).requirePrincipal().user().id();
        ctx.status(201).json(Views.user(accounts.create(actor, request)));
    }

    void update(Context ctx) {
        long id = id(ctx);
        JsonInput input = JsonInput.read(ctx, mapper, Set.of("displayName", "role", "permissions", "disabled"));
        Optional<String> displayName = input.string("displayName");
        Optional<Role> role = input.string("role").map(name -> role(name, input));
        Optional<Set<Permission>> permissions = input.strings("permissions").map(names -> AccountApi.parsePermissions(names, input));
        Optional<Boolean> disabled = input.bool("disabled");
        input.throwIfInvalid();
        long actor = RequestState.of(ctx).requirePrincipal().user().id();
        ctx.json(Views.user(accounts.update(actor, id, new UserChanges(displayName, role, permissions, disabled))));
    }

    void delete(Context ctx) {
        long id = id(ctx);
        accounts.delete(RequestState.of(ctx).requirePrincipal().user().id(), id);
        ctx.status(204);
    }

    void resetPassword(Context ctx) {
        long id = id(ctx);
        JsonInput input = JsonInput.read(ctx, mapper, Set.of("newPassword", "mustChangePassword"));
        String password = input.string("newPassword").orElse("");
        boolean mustChange = input.bool("mustChangePassword").orElse(true);
        input.throwIfInvalid();
        accounts.resetPassword(RequestState.of(ctx).requirePrincipal().user().id(), id, password, mustChange);
        ctx.status(204);
    }

    private static Role role(String name, JsonInput input) {
        return Arrays.stream(Role.values()).filter(role -> role.name().equalsIgnoreCase(name)).findFirst().orElseGet(() -> {
            input.problem("role", "validation.role");
            return Role.USER;
        });
    }

    static long id(Context ctx) {
        return id(ctx, "id");
    }

    /** A positive id from the path parameter {@code name}; anything else names nothing (NOT_FOUND). */
    static long id(Context ctx, String name) {
        try {
            long id = Long.parseLong(ctx.pathParam(name));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through: an id that is not a positive number names nobody
        }
        throw new AppException(ErrorCode.NOT_FOUND);
    }
}
