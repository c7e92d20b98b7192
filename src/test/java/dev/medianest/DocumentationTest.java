package dev.medianest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.medianest.platform.config.ConfigKey;
import dev.medianest.platform.config.ConfigKeys;
import dev.medianest.platform.config.ConfigLoader;
import dev.medianest.platform.config.Settings;
import dev.medianest.platform.errors.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the documents people read in step with the code: every configuration key, error code and
 * API path must be described, the example configuration must be complete and valid, and the README
 * must open with the two commands it promises.
 */
class DocumentationTest {

    private static final Path PROJECT = Path.of(System.getProperty("medianest.projectDir", "."));

    @Test
    void every_configuration_key_and_its_environment_variable_is_in_the_configuration_guide() throws IOException {
        String guide = read("docs/configuration.md");

        for (ConfigKey key : ConfigKeys.all()) {
            assertThat(guide).as("docs/configuration.md names the key %s", key.path()).contains("`" + key.path() + "`");
            assertThat(guide).as("docs/configuration.md names the variable of %s", key.path())
                    .contains("`" + key.environmentVariable() + "`");
        }
    }

    @Test
    void every_reserved_environment_variable_is_in_the_configuration_guide() throws IOException {
        String guide = read("docs/configuration.md");

        for (String variable : ConfigLoader.RESERVED_VARIABLES) {
            assertThat(guide).as("docs/configuration.md explains %s", variable).contains("`" + variable + "`");
        }
    }

    @Test
    void the_example_configuration_sets_exactly_the_known_keys() throws IOException {
        JsonNode example = new ObjectMapper(new YAMLFactory()).readTree(PROJECT.resolve("medianest.example.yml").toFile());

        List<String> paths = new ArrayList<>();
        collectPaths("", example, paths);

        assertThat(paths).containsExactlyInAnyOrderElementsOf(ConfigKeys.all().stream().map(ConfigKey::path).toList());
    }

    @Test
    void the_example_configuration_loads_without_problems_and_holds_the_defaults(@TempDir Path empty) throws Exception {
        Settings example = new ConfigLoader(Map.of()).load(PROJECT.resolve("medianest.example.yml"));
        Path emptyFile = Files.writeString(empty.resolve("empty.yml"), "");
        Settings defaults = new ConfigLoader(Map.of()).load(emptyFile);

        assertThat(example.server()).isEqualTo(defaults.server());
        assertThat(example.data()).isEqualTo(defaults.data());
        assertThat(example.database()).isEqualTo(defaults.database());
        assertThat(example.security()).isEqualTo(defaults.security());
        assertThat(example.ui()).isEqualTo(defaults.ui());
        assertThat(example.logging()).isEqualTo(defaults.logging());
        assertThat(example.metrics()).isEqualTo(defaults.metrics());
    }

    @Test
    void every_error_code_is_in_the_error_guide_by_its_wire_name() throws IOException {
        String guide = read("docs/errors.md");

        for (ErrorCode code : ErrorCode.values()) {
            assertThat(guide).as("docs/errors.md explains %s", code.wireName()).contains("`" + code.wireName() + "`");
        }
    }

    @Test
    void the_readme_opens_with_the_commands_to_run_and_to_test() throws IOException {
        List<String> opening = Files.readAllLines(PROJECT.resolve("README.md")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .limit(4)
                .toList();

        assertThat(String.join("\n", opening)).contains("./medianest").contains("./mvnw verify");
    }

    @Test
    void every_path_of_the_openapi_document_is_in_the_api_guide() throws IOException {
        String guide = read("docs/api.md");
        JsonNode openApi = new ObjectMapper().readTree(PROJECT.resolve("src/main/resources/openapi.json").toFile());

        List<String> paths = openApi.path("paths").properties().stream().map(Map.Entry::getKey).toList();

        assertThat(paths).as("paths of openapi.json").isNotEmpty();
        for (String path : paths) {
            assertThat(guide).as("docs/api.md describes %s", path).contains("`" + path + "`");
        }
    }

    private static String read(String relative) throws IOException {
        return Files.readString(PROJECT.resolve(relative));
    }

    private static void collectPaths(String prefix, JsonNode node, List<String> paths) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                collectPaths(path, field.getValue(), paths);
            } else {
                paths.add(path);
            }
        }
    }
}
