package dev.medianest.features.accounts;

import dev.medianest.platform.errors.FieldErrors;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a person asks for when creating a token. Empty {@code permissions} means "all of mine";
 * {@code expiresInDays} empty means the token lasts until revoked.
 */
public record TokenRequest(String name, Optional<Set<Permission>> permissions, boolean admin, Optional<Integer> expiresInDays) {

    public static final int MAX_DAYS = 3650;

    public TokenRequest {
        permissions = permissions == null ? Optional.empty() : permissions.map(set -> set.isEmpty() ? Set.<Permission>of() : EnumSet.copyOf(set));
        expiresInDays = expiresInDays == null ? Optional.empty() : expiresInDays;
        FieldErrors errors = new FieldErrors();
        AccountRules.checkTokenName(errors, "name", name);
        expiresInDays.ifPresent(days -> errors.check(days >= 1 && days <= MAX_DAYS, "expiresInDays", "validation.token_days"));
        errors.throwIfAny();
        name = name.strip();
    }
}
