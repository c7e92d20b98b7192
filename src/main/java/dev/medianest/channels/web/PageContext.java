package dev.medianest.channels.web;

import dev.medianest.features.catalog.TitleAddress;
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

    /** A service problem in the reader's language. */
    public String problem(dev.medianest.features.services.ServiceProblem problem) {
        return texts.get(problem.messageKey(), problem.args().toArray());
    }

    /**
     * Where posters and covers come from: TMDb (Radarr, Sonarr, Seerr and TMDb itself), TheTVDB and
     * Goodreads' image hosts. The Content-Security-Policy lets pages load images from these alone, so a
     * poster address from anywhere else is never fetched by a reader's browser.
     */
    public static final List<String> ARTWORK_HOSTS = List.of("image.tmdb.org", "artworks.thetvdb.com", "images.gr-assets.com",
            "i.gr-assets.com");

    /** The poster's address when pages may show it (https, on one of {@link #ARTWORK_HOSTS}); empty for a placeholder. */
    public Optional<String> artwork(Optional<java.net.URI> poster) {
        return poster.filter(uri -> "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                && ARTWORK_HOSTS.contains(uri.getHost().toLowerCase(java.util.Locale.ROOT))).map(java.net.URI::toString);
    }

    /** {@link #artwork} for an address given as text (an assistant card's poster); a malformed one is no poster. */
    public Optional<String> artworkAt(Optional<String> address) {
        try {
            return artwork(address.map(java.net.URI::create));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** "1.2 TB", "850 GB": disk sizes in decimal units, as disk makers and the *arr apps print them. */
    public String bytes(long bytes) {
        return texts.bytes(bytes);
    }

    /** A share from 0 to 1 as a percentage with one decimal ("99.3 %"), in the reader's number format. */
    public String percent(double share) {
        return String.format(texts.language().locale(), "%.1f %%", share * 100);
    }

    /** A 0–10 rating with one decimal, in the reader's number format ("7.8", "7,8"). */
    public String rating(double rating) {
        return String.format(texts.language().locale(), "%.1f", rating);
    }

    /** The address of a title's page ("/title/movie/438631"). */
    public String titleHref(dev.medianest.features.catalog.Title title) {
        return TitleAddress.href(title);
    }

    /** A response time in whole milliseconds. */
    public String millis(java.time.Duration duration) {
        return t("unit.ms", duration.toMillis());
    }
}
