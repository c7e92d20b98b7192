package dev.medianest.features.accounts;

import dev.medianest.platform.errors.FieldErrors;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** An admin's edit of an account: each present field replaces the stored one. Validated on construction. */
public record UserChanges(Optional<String> displayName, Optional<Role> role, Optional<Set<Permission>> permissions,
                          Optional<Boolean> disabled) {

    public UserChanges {
        displayName = displayName == null ? Optional.empty() : displayName;
        role = role == null ? Optional.empty() : role;
        permissions = permissions == null ? Optional.empty() : permissions.map(set -> set.isEmpty() ? Set.<Permission>of() : EnumSet.copyOf(set));
        disabled = disabled == null ? Optional.empty() : disabled;
        FieldErrors errors = new FieldErrors();
        displayName.ifPresent(name -> AccountRules.checkDisplayName(errors, "displayName", name));
        errors.throwIfAny();
        displayName = displayName.map(String::strip);
    }

    public static UserChanges none() {
        return new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
