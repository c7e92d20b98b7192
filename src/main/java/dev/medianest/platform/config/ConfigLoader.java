package dev.medianest.platform.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.medianest.platform.net.IpRange;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the YAML file and the {@code MEDIANEST_*} environment overrides, checks every value against
 * {@link ConfigKeys}, and builds {@link Settings}. Nothing is partially applied: either every value is
 * valid or a {@link ConfigException} lists what is wrong.
 */
public final class ConfigLoader {

    /** Variables with the MEDIANEST_ prefix that are not configuration keys. */
    public static final Set<String> RESERVED_VARIABLES = Set.of(
            "MEDIANEST_CONFIG", "MEDIANEST_ADMIN_PASSWORD", "MEDIANEST_SECRET_KEY", "MEDIANEST_JAVA_OPTS", "MEDIANEST_JAVA",
            "MEDIANEST_HOME", "MEDIANEST_LANG", "MEDIANEST_TOKEN");

    private static final String DEFAULT_FILE = "medianest.yml";

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Which file to read: the {@code --config} option, else {@code MEDIANEST_CONFIG}, else
     * {@code ./medianest.yml} when it exists. Empty means defaults plus environment only.
     */
    public Optional<Path> chooseFile(Path explicit) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        String fromEnv = environment.get("MEDIANEST_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Paths.get(fromEnv));
        }
        Path local = Paths.get(DEFAULT_FILE);
        return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
    }

    public Settings load(Path explicitFile) throws ConfigException {
        Optional<Path> file = chooseFile(explicitFile);
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, RawValue> raw = new LinkedHashMap<>();
        file.ifPresent(path -> readFile(path, raw, problems));
        boolean unreadable = problems.stream().anyMatch(problem -> problem.kind() == ConfigProblem.Kind.MALFORMED_FILE
                || problem.kind() == ConfigProblem.Kind.UNREADABLE_FILE);
        if (unreadable) {
            throw new ConfigException(problems);
        }
        readEnvironment(raw, problems);
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKeys.all()) {
            RawValue given = raw.get(key.path());
            if (given == null) {
                values.put(key.path(), key.defaultValue());
            } else {
                convert(key, given, problems).ifPresent(value -> values.put(key.path(), value));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return build(values, file.map(Path::toString).orElse("defaults"));
    }

    private record RawValue(JsonNode node, String text, String source) {
    }

    private static void readFile(Path path, Map<String, RawValue> raw, List<ConfigProblem> problems) {
        String name = path.toString();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            problems.add(new ConfigProblem(name, name, "a readable YAML file", name, ConfigProblem.Kind.UNREADABLE_FILE));
            return;
        }
        JsonNode root;
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = yaml.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            problems.add(new ConfigProblem(name, where, e.getOriginalMessage().lines().findFirst().orElse("not YAML"),
                    name, ConfigProblem.Kind.MALFORMED_FILE));
            return;
        } catch (IOException e) {
            problems.add(new ConfigProblem(name, name, "a readable YAML file", name, ConfigProblem.Kind.UNREADABLE_FILE));
            return;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            problems.add(new ConfigProblem(name, root.getNodeType().toString().toLowerCase(Locale.ROOT),
                    "a mapping of sections such as server:, database:", name, ConfigProblem.Kind.MALFORMED_FILE));
            return;
        }
        flatten("", root, name, raw, problems);
    }

    private static void flatten(String prefix, JsonNode node, String source, Map<String, RawValue> raw, List<ConfigProblem> problems) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (ConfigKeys.find(path).isPresent()) {
                raw.put(path, new RawValue(value, null, source));
            } else if (value.isObject() && isSection(path)) {
                flatten(path, value, source, raw, problems);
            } else {
                problems.add(new ConfigProblem(path, shortText(value), suggestion(path), source, ConfigProblem.Kind.UNKNOWN_KEY));
            }
        }
    }

    private static boolean isSection(String path) {
        return ConfigKeys.all().stream().anyMatch(key -> key.path().startsWith(path + "."));
    }

    private void readEnvironment(Map<String, RawValue> raw, List<ConfigProblem> problems) {
        Map<String, ConfigKey> byVariable = new LinkedHashMap<>();
        ConfigKeys.all().forEach(key -> byVariable.put(key.environmentVariable(), key));
        environment.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("MEDIANEST_"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> {
                    ConfigKey key = byVariable.get(entry.getKey());
                    if (key != null) {
                        raw.put(key.path(), new RawValue(null, entry.getValue(), entry.getKey()));
                    } else if (!RESERVED_VARIABLES.contains(entry.getKey())) {
                        problems.add(new ConfigProblem(entry.getKey(), "(environment)",
                                "a variable named after a key, such as " + suggestionVariable(entry.getKey()),
                                entry.getKey(), ConfigProblem.Kind.UNKNOWN_KEY));
                    }
                });
    }

    private static Optional<Object> convert(ConfigKey key, RawValue given, List<ConfigProblem> problems) {
        String shown = key.secret() ? "(hidden)" : given.text != null ? given.text : shortText(given.node);
        JsonNode node = given.node;
        boolean containerGiven = node != null && (node.isObject() || (node.isArray() && key.type() != ConfigKey.ValueType.STRING_LIST));
        if (containerGiven) {
            problems.add(new ConfigProblem(key.path(), shown, key.allowed(), given.source, ConfigProblem.Kind.WRONG_TYPE));
            return Optional.empty();
        }
        String text = given.text != null ? given.text : node == null || node.isNull() ? "" : node.isArray() ? null : node.asText();
        switch (key.type()) {
            case INTEGER -> {
                if (node != null && !node.isNull() && !node.isIntegralNumber() && !node.isTextual()) {
                    problems.add(new ConfigProblem(key.path(), shown, key.allowed(), given.source, ConfigProblem.Kind.WRONG_TYPE));
                    return Optional.empty();
                }
                long number;
                try {
                    number = Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    problems.add(new ConfigProblem(key.path(), shown, key.allowed(), given.source, ConfigProblem.Kind.WRONG_TYPE));
                    return Optional.empty();
                }
                if (number < key.min() || number > key.max()) {
                    problems.add(new ConfigProblem(key.path(), shown, key.allowed(), given.source, ConfigProblem.Kind.BAD_VALUE));
                    return Optional.empty();
                }
                return Optional.of(number);
            }
            case BOOLEAN -> {
                String lower = text.trim().toLowerCase(Locale.ROOT);
                if (lower.equals("true") || lower.equals("false")) {
                    return Optional.of(Boolean.parseBoolean(lower));
                }
                problems.add(new ConfigProblem(key.path(), shown, key.allowed(), given.source, ConfigProblem.Kind.WRONG_TYPE));
                return Optional.empty();
            }
            case CHOICE -> {
                Optional<String> match = key.choices().stream().filter(choice -> choice.equalsIgnoreCase(text.trim())).findFirst();
                if (match.isEmpty()) {
                    problems.add(new ConfigProblem(key.path(), shown, key.allowed(), given.source, ConfigProblem.Kind.BAD_VALUE));
                }
                return match.map(Object.class::cast);
            }
            case STRING_LIST -> {
                List<String> items = new ArrayList<>();
                if (node != null && node.isArray()) {
                    for (JsonNode item : node) {
                        if (!item.isValueNode()) {
                            problems.add(new ConfigProblem(key.path(), shown, key.allowed(), given.source, ConfigProblem.Kind.WRONG_TYPE));
                            return Optional.empty();
                        }
                        items.add(item.asText().trim());
                    }
                } else if (!text.isBlank()) {
                    for (String part : text.split(",")) {
                        items.add(part.trim());
                    }
                }
                for (String item : items) {
                    if (IpRange.parse(item).isEmpty()) {
                        problems.add(new ConfigProblem(key.path(), item, key.allowed(), given.source, ConfigProblem.Kind.BAD_VALUE));
                        return Optional.empty();
                    }
                }
                return Optional.of(List.copyOf(items));
            }
            case URL -> {
                String trimmed = text.trim();
                if (trimmed.isEmpty() || isHttpUrl(trimmed)) {
                    return Optional.of(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
                }
                problems.add(new ConfigProblem(key.path(), shown, key.allowed(), given.source, ConfigProblem.Kind.BAD_VALUE));
                return Optional.empty();
            }
            case PATH -> {
                if (text.isBlank() || text.indexOf('\0') >= 0) {
                    problems.add(new ConfigProblem(key.path(), shown, key.allowed(), given.source, ConfigProblem.Kind.BAD_VALUE));
                    return Optional.empty();
                }
                return Optional.of(text.trim());
            }
            case STRING -> {
                if (node != null && !node.isNull() && !node.isValueNode()) {
                    problems.add(new ConfigProblem(key.path(), shown, key.allowed(), given.source, ConfigProblem.Kind.WRONG_TYPE));
                    return Optional.empty();
                }
                if (text.length() > key.max() || text.chars().anyMatch(c -> c < 0x20)) {
                    problems.add(new ConfigProblem(key.path(), shown, key.allowed(), given.source, ConfigProblem.Kind.BAD_VALUE));
                    return Optional.empty();
                }
                return validateString(key, text.trim(), shown, given.source, problems);
            }
        }
        return Optional.empty();
    }

    private static Optional<Object> validateString(ConfigKey key, String text, String shown, String source, List<ConfigProblem> problems) {
        boolean valid = switch (key.path()) {
            case "server.host" -> !text.isEmpty() && text.matches("[A-Za-z0-9.:\\-\\[\\]]+");
            case "database.url" -> text.isEmpty() || text.startsWith("jdbc:sqlite:") || text.startsWith("jdbc:postgresql://");
            default -> true;
        };
        if (!valid) {
            problems.add(new ConfigProblem(key.path(), shown, key.allowed(), source, ConfigProblem.Kind.BAD_VALUE));
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Settings build(Map<String, Object> v, String source) {
        List<IpRange> proxies = ((List<String>) v.get("server.trustedProxies")).stream()
                .map(item -> IpRange.parse(item).orElseThrow()).toList();
        return new Settings(
                new Settings.Server((String) v.get("server.host"), intOf(v, "server.port"), (String) v.get("server.publicUrl"),
                        proxies, (Long) v.get("server.maxRequestBytes"), intOf(v, "server.shutdownGraceSeconds")),
                new Settings.Data(Paths.get((String) v.get("data.dir")).toAbsolutePath().normalize()),
                new Settings.Database((String) v.get("database.url"), (String) v.get("database.username"),
                        (String) v.get("database.password"), intOf(v, "database.maxPoolSize")),
                new Settings.Security(intOf(v, "security.sessionIdleHours"), intOf(v, "security.rememberMeDays"),
                        intOf(v, "security.apiRequestsPerMinute"), intOf(v, "security.signInAttemptsBeforeLockout")),
                new Settings.Ui((String) v.get("ui.defaultLanguage")),
                new Settings.Logging((String) v.get("logging.level"), (String) v.get("logging.format")),
                new Settings.Metrics((Boolean) v.get("metrics.enabled")),
                new Settings.Services(intOf(v, "services.probeIntervalSeconds")),
                new Settings.Requests(intOf(v, "requests.quota.movies"), intOf(v, "requests.quota.seasons"), intOf(v, "requests.quota.books"),
                        intOf(v, "requests.quota.days"), intOf(v, "requests.reconcileMinutes")),
                new Settings.Downloads(intOf(v, "downloads.maxTorrentFileMegabytes")),
                new Settings.Assistant((String) v.get("assistant.provider"), (String) v.get("assistant.model"), (String) v.get("assistant.baseUrl"),
                        (String) v.get("assistant.apiKey"), intOf(v, "assistant.timeoutSeconds"), intOf(v, "assistant.maxRetries"),
                        intOf(v, "assistant.messagesPerMinute"), (Boolean) v.get("assistant.history")),
                source);
    }

    private static int intOf(Map<String, Object> values, String key) {
        return ((Number) values.get(key)).intValue();
    }

    private static String shortText(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        String text = node.isValueNode() ? node.asText() : node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static String suggestion(String unknownPath) {
        return "a known key" + ConfigKeys.all().stream()
                .min(Comparator.comparingInt(key -> distance(key.path(), unknownPath)))
                .filter(key -> distance(key.path(), unknownPath) <= Math.max(3, unknownPath.length() / 3))
                .map(key -> " (did you mean " + key.path() + "?)")
                .orElse(" (see docs/configuration.md)");
    }

    private static String suggestionVariable(String unknownVariable) {
        return ConfigKeys.all().stream()
                .map(ConfigKey::environmentVariable)
                .min(Comparator.comparingInt(name -> distance(name, unknownVariable)))
                .orElse("MEDIANEST_SERVER_PORT");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
