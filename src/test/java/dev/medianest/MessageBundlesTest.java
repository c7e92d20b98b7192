package dev.medianest;

import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text exists in English and Russian, and every key the code asks for exists. */
class MessageBundlesTest {

    private static Properties bundle(String name, String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/i18n/" + name + "_" + language + ".properties")) {
            if (in != null) {
                properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return properties;
    }

    /** Every bundle of one language merged. */
    private static Properties bundle(String language) throws IOException {
        Properties all = new Properties();
        for (String name : Messages.BUNDLES) {
            all.putAll(bundle(name, language));
        }
        return all;
    }

    @Test
    void english_and_russian_have_the_same_keys_in_every_bundle() throws IOException {
        for (String name : Messages.BUNDLES) {
            assertThat(new TreeSet<>(bundle(name, "ru").stringPropertyNames())).as(name)
                    .isEqualTo(new TreeSet<>(bundle(name, "en").stringPropertyNames()));
        }
    }

    @Test
    void a_key_lives_in_one_bundle_only() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (String name : Messages.BUNDLES) {
            for (String key : bundle(name, "en").stringPropertyNames()) {
                assertThat(seen.add(key)).as(key + " appears again in " + name).isTrue();
            }
        }
    }

    @Test
    void russian_texts_are_actually_russian() throws IOException {
        Properties ru = bundle("ru");
        long cyrillic = ru.stringPropertyNames().stream().filter(key -> ru.getProperty(key).matches("(?s).*[А-Яа-яЁё].*")).count();
        assertThat(cyrillic).isGreaterThan(ru.size() * 9L / 10);
    }

    @Test
    void every_error_code_has_a_message_in_both_languages() {
        Messages messages = new Messages();
        for (Language language : Language.values()) {
            for (ErrorCode code : ErrorCode.values()) {
                assertThat(messages.in(language).has(code.messageKey())).as(language + " " + code).isTrue();
            }
        }
    }

    @Test
    void every_key_named_in_templates_and_code_exists() throws IOException {
        Properties en = bundle("en");
        Set<String> missing = new TreeSet<>();
        // Any string literal that starts like a key of the bundles (its first segment is one the bundles use).
        Set<String> prefixes = new TreeSet<>();
        en.stringPropertyNames().forEach(key -> prefixes.add(key.substring(0, key.indexOf('.') < 0 ? key.length() : key.indexOf('.'))));
        Pattern literalKey = Pattern.compile("\"((?:" + String.join("|", prefixes) + ")\\.[a-z_.A-Z0-9]*[a-z_A-Z0-9])\"");
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/jte")), Files.walk(Path.of("src/main/java")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher matcher = literalKey.matcher(Files.readString(file));
                while (matcher.find()) {
                    String key = matcher.group(1);
                    // A configuration path ("services.probeIntervalSeconds") can look like a message key.
                    boolean prefixOnly = key.endsWith(".") || key.endsWith(".jte")
                            || dev.medianest.platform.config.ConfigKeys.find(key).isPresent();
                    if (!prefixOnly && !en.containsKey(key) && en.stringPropertyNames().stream().noneMatch(k -> k.startsWith(key + "."))) {
                        missing.add(key + " (" + file.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void texts_with_arguments_escape_their_apostrophes() throws IOException {
        // MessageFormat reads a lone ' as the start of a quoted section and would swallow the rest of the text.
        for (String language : new String[]{"en", "ru"}) {
            Properties texts = bundle(language);
            for (String key : texts.stringPropertyNames()) {
                String text = texts.getProperty(key);
                if (text.matches("(?s).*\\{\\d}.*")) {
                    assertThat(text.replace("''", "")).as(language + " " + key).doesNotContain("'");
                }
            }
        }
    }

    @Test
    void formatted_texts_fill_their_arguments() {
        Messages.Texts english = new Messages().in(Language.EN);
        assertThat(english.get("error.sign_in_locked", 30)).isEqualTo("Too many failed sign-ins. Try again in 30 seconds.");
        assertThat(new Messages().in(Language.RU).get("dashboard.welcome", "Маша")).isEqualTo("Добро пожаловать, Маша");
    }

    @Test
    void the_browser_language_decides_until_someone_picks_one() {
        assertThat(Language.fromAcceptLanguage("ru-RU,ru;q=0.9,en;q=0.8")).contains(Language.RU);
        assertThat(Language.fromAcceptLanguage("de-DE,de;q=0.9,en;q=0.5")).contains(Language.EN);
        assertThat(Language.fromAcceptLanguage("fr-FR")).isEmpty();
        assertThat(Language.fromAcceptLanguage(";;;garbage")).isEmpty();
        assertThat(Language.fromPosixEnvironment(java.util.Map.of("LANG", "ru_RU.UTF-8"), Language.EN)).isEqualTo(Language.RU);
    }
}
