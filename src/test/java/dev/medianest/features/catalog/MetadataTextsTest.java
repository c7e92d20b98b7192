package dev.medianest.features.catalog;

import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every "metadata.*" text the code names exists in English and Russian (the shared bundle test covers other prefixes). */
class MetadataTextsTest {

    @Test
    void every_metadata_key_named_in_code_has_both_languages() throws IOException {
        Pattern literalKey = Pattern.compile("\"(metadata\\.[a-z_.]*[a-z_])\"");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = literalKey.matcher(Files.readString(file));
                while (matcher.find()) {
                    named.add(matcher.group(1));
                }
            }
        }
        assertThat(named).isNotEmpty();
        Messages messages = new Messages();
        for (Language language : Language.values()) {
            assertThat(named).as(language.code()).allMatch(key -> messages.in(language).has(key));
        }
    }
}
