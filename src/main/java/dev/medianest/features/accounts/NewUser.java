package dev.medianest.features.accounts;

import dev.medianest.platform.errors.FieldErrors;
import dev.medianest.platform.i18n.Language;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** A validated request to create an account; invalid input fails on construction with every field named. */
public record NewUser(String username, String displayName, String password, Role role, Set<Permission> permissions,
                      boolean mustChangePassword, Optional<Language> language) {

    public NewUser {
        FieldErrors errors = new FieldErrors();
        AccountRules.checkUsername(errors, "username", username);
        if (displayName == null || displayName.isBlank()) {
            displayName = username;
        }
        AccountRules.checkDisplayName(errors, "displayName", displayName);
        AccountRules.checkPassword(errors, "password", password, username);
        errors.check(role != null, "role", "validation.required");
        errors.throwIfAny();
        username = username.strip();
        displayName = displayName.strip();
        permissions = permissions == null ? Permission.defaults() : permissions.isEmpty() ? Set.of() : EnumSet.copyOf(permissions);
        language = language == null ? Optional.empty() : language;
    }
}
