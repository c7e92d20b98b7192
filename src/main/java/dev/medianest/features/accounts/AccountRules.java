package dev.medianest.features.accounts;

import dev.medianest.platform.errors.FieldErrors;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a valid user name, display name, password and token name look like. Every input from a form,
 * the API or the CLI passes through here before anything is written.
 */
public final class AccountRules {

    public static final int USERNAME_MAX = 32;
    public static final int DISPLAY_NAME_MAX = 64;
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 128;
    public static final int TOKEN_NAME_MAX = 64;

    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{1," + (USERNAME_MAX - 1) + "}");

    private AccountRules() {
    }

    /** The form used for uniqueness: "Alice" and "alice" are the same account. */
    public static String usernameKey(String username) {
        return Normalizer.normalize(username.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    public static void checkUsername(FieldErrors errors, String field, String username) {
        errors.check(username != null && !username.isBlank(), field, "validation.required")
                .check(username == null || !hasControlCharacters(username), field, "validation.control_characters")
                .check(username == null || username.isBlank() || username.strip().length() <= USERNAME_MAX, field, "validation.username.length")
                .check(username == null || username.isBlank() || username.strip().length() > USERNAME_MAX
                        || USERNAME.matcher(username.strip()).matches(), field, "validation.username.pattern");
    }

    public static void checkDisplayName(FieldErrors errors, String field, String displayName) {
        errors.check(displayName != null && !displayName.isBlank(), field, "validation.required")
                .check(displayName == null || displayName.strip().length() <= DISPLAY_NAME_MAX, field, "validation.display_name.length")
                .check(displayName == null || !hasControlCharacters(displayName), field, "validation.control_characters");
    }

    public static void checkPassword(FieldErrors errors, String field, String password, String username) {
        errors.check(password != null && !password.isEmpty(), field, "validation.required");
        if (password == null || password.isEmpty()) {
            return;
        }
        errors.check(password.length() >= PASSWORD_MIN && password.length() <= PASSWORD_MAX, field, "validation.password.length")
                .check(!password.isBlank(), field, "validation.password.blank")
                .check(!hasControlCharacters(password), field, "validation.control_characters")
                .check(username == null || !usernameKey(password).equals(usernameKey(username)), field, "validation.password.same_as_username");
    }

    public static void checkTokenName(FieldErrors errors, String field, String name) {
        errors.check(name != null && !name.isBlank(), field, "validation.required")
                .check(name == null || name.strip().length() <= TOKEN_NAME_MAX, field, "validation.token_name.length")
                .check(name == null || !hasControlCharacters(name), field, "validation.control_characters");
    }

    /**
     * Control characters and the invisible direction overrides that can disguise a name
     * (Unicode Technical Report #36, bidirectional text spoofing).
     */
    public static boolean hasControlCharacters(String text) {
        return text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200B || c == 0xFEFF);
    }
}
