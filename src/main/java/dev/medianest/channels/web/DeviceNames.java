package dev.medianest.channels.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a User-Agent header into what a person recognises in their session list ("Firefox on
 * Linux", "Safari on iPhone"). Order matters: Edge and Opera also claim to be Chrome, and Chrome
 * also claims to be Safari (see the header grammar in RFC 9110 §10.1.5 and the browsers' own docs).
 */
final class DeviceNames {

    private record Rule(Pattern pattern, String name) {
    }

    private static final List<Rule> BROWSERS = List.of(
            new Rule(Pattern.compile("Edg(?:e|A|iOS)?/"), "Edge"),
            new Rule(Pattern.compile("OPR/|Opera"), "Opera"),
            new Rule(Pattern.compile("YaBrowser/"), "Yandex Browser"),
            new Rule(Pattern.compile("Firefox/|FxiOS/"), "Firefox"),
            new Rule(Pattern.compile("Chrome/|CriOS/|Chromium/"), "Chrome"),
            new Rule(Pattern.compile("Version/[\\d.]+.*Safari/"), "Safari"),
            new Rule(Pattern.compile("^curl/"), "curl"),
            new Rule(Pattern.compile("^Java-http-client/"), "Java HTTP client"),
            new Rule(Pattern.compile("^python-requests/|^Python-urllib/"), "Python script"));

    private static final List<Rule> SYSTEMS = List.of(
            new Rule(Pattern.compile("iPhone"), "iPhone"),
            new Rule(Pattern.compile("iPad"), "iPad"),
            new Rule(Pattern.compile("Android"), "Android"),
            new Rule(Pattern.compile("Windows"), "Windows"),
            new Rule(Pattern.compile("Mac OS X|Macintosh"), "macOS"),
            new Rule(Pattern.compile("CrOS"), "ChromeOS"),
            new Rule(Pattern.compile("Linux|X11"), "Linux"));

    private DeviceNames() {
    }

    /** A short description, or the raw header cut to 60 characters when nothing is recognised. */
    static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "—";
        }
        String browser = first(BROWSERS, userAgent);
        String system = first(SYSTEMS, userAgent);
        if (browser == null) {
            return userAgent.length() > 60 ? userAgent.substring(0, 59) + "…" : userAgent;
        }
        return system == null ? browser : browser + " · " + system;
    }

    private static String first(List<Rule> rules, String userAgent) {
        for (Rule rule : rules) {
            Matcher matcher = rule.pattern().matcher(userAgent);
            if (matcher.find()) {
                return rule.name();
            }
        }
        return null;
    }
}
