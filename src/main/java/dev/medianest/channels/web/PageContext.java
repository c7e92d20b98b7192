package dev.medianest.channels.web;

import dev.medianest.features.accounts.User;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;

import java.util.List;
import java.util.Optional;

/**
 * What every page template needs besides its own data: texts in the reader's language, the
 * theme, the signed-in person, the CSRF token for forms, the CSP nonce for scripts, and the
 * navigation of the sections that exist.
 */
public record PageContext(Messages.Texts texts, String theme, Optional<User> user, boolean admin, String csrf,
                          String nonce, String path, List<NavItem> nav, Optional<String> notice,
                          List<Language> languages) {

    /** One entry of the main navigation. */
    public record NavItem(String href, String label, boolean active) {
    }

    public String t(String key, Object... args) {
        return texts.get(key, args);
    }

    public String lang() {
        return texts.language().code();
    }

    public boolean signedIn() {
        return user.isPresent();
    }

    /** The {@code data-theme} attribute, absent for "system" so CSS follows the device. */
    public String themeAttribute() {
        return "system".equals(theme) ? null : theme;
    }

    public String displayName() {
        return user.map(User::displayName).orElse("");
    }

    public List<String> themes() {
        return Themes.ALL;
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** A moment as people read it; the empty string for "never". */
    public String time(java.time.Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** "Firefox · Linux" for a User-Agent header, so a person recognises their browsers. */
    public String device(String userAgent) {
        return DeviceNames.describe(userAgent);
    }

    public String time(Optional<java.time.Instant> instant) {
        return instant.map(this::time).orElse(t("time.never"));
    }
}
