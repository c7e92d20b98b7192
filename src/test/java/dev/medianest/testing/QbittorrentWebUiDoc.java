package dev.medianest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * qBittorrent's WebUI API as its published Markdown describes it ({@code qbittorrent-webui-api-5.0.md}
 * with {@code qbittorrent-webui-api-key-auth.md}), for a {@link SpecFake}: every method of every scope
 * ({@code /api/v2/<scope>/<name>}), its parameters, the statuses it answers and the fields of its JSON
 * list, and how an API key must travel. Everything is read from the documents, so a fake held to them
 * cannot answer, nor a client ask, what the real WebUI does not document.
 */
public final class QbittorrentWebUiDoc implements SpecFake.Document {

    /** One documented method: the names of its parameters, the statuses it answers, the fields of its JSON answer. */
    record Method(Set<String> parameters, Set<Integer> statuses, Set<String> fields) {
    }

    private static final Pattern SCOPE = Pattern.compile("All .* API methods are under \"(\\w+)\"");
    private static final Pattern SECTION = Pattern.compile("^## (.+) ##$");
    private static final Pattern NAME = Pattern.compile("^Name: `(\\w+)`");
    private static final Pattern EXAMPLE_PATH = Pattern.compile("/api/v2/(\\w+)/(\\w+)");
    private static final Pattern TABLE_ROW = Pattern.compile("^`(\\w+)`.*\\|");
    private static final Pattern STATUS_ROW = Pattern.compile("^(\\d{3})\\s*\\|");
    private static final Pattern KEY_FORMAT = Pattern.compile(
            "API keys are (\\d+) characters long\\. They start with the prefix `(\\w+)` followed by (\\d+) random alphanumeric characters");
    private static final Pattern PART_NAME = Pattern.compile("Content-Disposition: form-data; name=\"([^\"]+)\"");

    private final Map<String, Method> methods;
    private final Pattern apiKey;
    private final ObjectMapper json = new ObjectMapper();

    private QbittorrentWebUiDoc(Map<String, Method> methods, Pattern apiKey) {
        this.methods = methods;
        this.apiKey = apiKey;
    }

    /** The WebUI API of qBittorrent 5.x with API keys (5.2+). */
    public static QbittorrentWebUiDoc version5WithApiKeys() {
        String api = read("qbittorrent-webui-api-5.0.md");
        Matcher format = KEY_FORMAT.matcher(read("qbittorrent-webui-api-key-auth.md"));
        if (!format.find() || Integer.parseInt(format.group(1)) != format.group(2).length() + Integer.parseInt(format.group(3))) {
            throw new IllegalStateException("qbittorrent-webui-api-key-auth.md no longer says what a key looks like");
        }
        return new QbittorrentWebUiDoc(methods(api), Pattern.compile(Pattern.quote(format.group(2)) + "[A-Za-z0-9]{" + format.group(3) + "}"));
    }

    @Override
    public List<String> requestViolations(SpecFake.Recorded request) {
        List<String> problems = new ArrayList<>();
        Method method = methods.get(key(request.path()));
        if (method == null) {
            return List.of("no such method in qbittorrent-webui-api-5.0.md");
        }
        // "All API methods only allows GET or POST methods" (General Information).
        if (!request.method().equals("GET") && !request.method().equals("POST")) {
            problems.add(request.method() + " is neither GET nor POST");
        }
        for (String parameter : parameters(request)) {
            if (!method.parameters().contains(parameter)) {
                problems.add("parameter " + parameter + " is not documented");
            }
        }
        String authorization = header(request, "Authorization");
        if (authorization != null) {
            // "Specify the key in the Authorization header using a scheme of Bearer" (Usage) …
            if (!authorization.startsWith("Bearer ") || !apiKey.matcher(authorization.substring(7)).matches()) {
                problems.add("Authorization is not Bearer and an API key of the documented format");
            }
            // … and keys "cannot interact with the WebAPI's auth endpoints, including login and logout" (Limitations).
            if (request.path().startsWith("/api/v2/auth/")) {
                problems.add("an API key sent to an auth endpoint");
            }
        }
        return problems;
    }

    @Override
    public List<String> responseViolations(String httpMethod, String path, int status, String contentType, String body) {
        Method method = methods.get(key(path));
        if (method == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (!method.statuses().contains(status)) {
            problems.add("status " + status + " is not documented for " + key(path) + " (" + method.statuses() + ")");
        }
        if (status == 200 && !method.fields().isEmpty()) {
            problems.addAll(fieldViolations(body, method.fields()));
            if (contentType == null || !contentType.startsWith("application/json")) {
                problems.add("a JSON answer sent as " + contentType);
            }
        }
        return problems;
    }

    /** Whether a key has the documented format, for tests that make one up. */
    public boolean isApiKey(String key) {
        return apiKey.matcher(key).matches();
    }

    private List<String> fieldViolations(String body, Set<String> documented) {
        JsonNode list;
        try {
            list = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            return List.of("the answer is not JSON");
        }
        if (list == null || !list.isArray()) {
            return List.of("the answer is not a JSON array");
        }
        Set<String> problems = new LinkedHashSet<>();
        for (JsonNode element : list) {
            Iterator<String> names = element.fieldNames();
            while (names.hasNext()) {
                String field = names.next();
                if (!documented.contains(field)) {
                    problems.add("field " + field + " is not documented");
                }
            }
        }
        return List.copyOf(problems);
    }

    private static Map<String, Method> methods(String document) {
        Map<String, Method> methods = new LinkedHashMap<>();
        String scope = null;
        String name = null;
        boolean returns = false;
        boolean statusTable = false;
        Set<String> parameters = new LinkedHashSet<>();
        Set<Integer> statuses = new LinkedHashSet<>();
        Set<String> fields = new LinkedHashSet<>();
        for (String line : (document + "\n## end ##").lines().toList()) {
            Matcher scopeLine = SCOPE.matcher(line);
            if (scopeLine.find()) {
                scope = scopeLine.group(1);
            }
            if (SECTION.matcher(line).matches()) {
                if (scope != null && name != null) {
                    methods.put(scope + "/" + name, new Method(Set.copyOf(parameters), Set.copyOf(statuses), Set.copyOf(fields)));
                }
                name = null;
                returns = false;
                statusTable = false;
                parameters.clear();
                statuses.clear();
                fields.clear();
                continue;
            }
            Matcher named = NAME.matcher(line);
            Matcher example = EXAMPLE_PATH.matcher(line);
            if (named.find()) {
                name = named.group(1);
            } else if (name == null && example.find() && example.group(1).equals(scope)) {
                // Sections without a "Name:" line show the method only in their request example.
                name = example.group(2);
            }
            if (line.startsWith("**Returns:**") || line.startsWith("Returns ")) {
                returns = true;
            }
            if (line.startsWith("HTTP Status Code")) {
                statusTable = true;
                continue;
            }
            Matcher status = STATUS_ROW.matcher(line);
            if (statusTable && status.find()) {
                statuses.add(Integer.parseInt(status.group(1)));
                continue;
            }
            if (line.isBlank()) {
                statusTable = false;
            }
            Matcher row = TABLE_ROW.matcher(line);
            if (row.find()) {
                (returns ? fields : parameters).add(row.group(1));
            }
        }
        addFormOnlyParameters(document, methods);
        return Map.copyOf(methods);
    }

    /**
     * A few methods document their form fields only in prose ({@code `category` is the torrent category you
     * want to set.}) or in their request example ({@code hashes=…&category=…}); those names count too.
     */
    private static void addFormOnlyParameters(String document, Map<String, Method> methods) {
        Matcher example = Pattern.compile("POST /api/v2/(\\w+)/(\\w+) HTTP/1\\.1\\n(?:[^\\n]+\\n)*\\n([^\\n]*)\\n").matcher(document);
        while (example.find()) {
            String key = example.group(1) + "/" + example.group(2);
            Method method = methods.get(key);
            String body = example.group(3);
            if (method == null || body.isBlank() || body.startsWith("-") || body.startsWith("`")) {
                continue;
            }
            Set<String> parameters = new LinkedHashSet<>(method.parameters());
            for (String pair : body.split("&")) {
                parameters.add(pair.split("=", 2)[0]);
            }
            methods.put(key, new Method(Set.copyOf(parameters), method.statuses(), method.fields()));
        }
    }

    private static Set<String> parameters(SpecFake.Recorded request) {
        Set<String> names = new LinkedHashSet<>();
        if (request.query() != null && !request.query().isEmpty()) {
            names.addAll(formNames(request.query()));
        }
        String type = header(request, "Content-Type");
        String body = request.body() == null ? "" : request.body();
        if (type != null && type.startsWith("multipart/form-data")) {
            Matcher part = PART_NAME.matcher(body);
            while (part.find()) {
                names.add(part.group(1));
            }
        } else if (!body.isEmpty()) {
            names.addAll(formNames(body));
        }
        return names;
    }

    private static List<String> formNames(String encoded) {
        List<String> names = new ArrayList<>();
        for (String pair : encoded.split("&")) {
            names.add(URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8));
        }
        return names;
    }

    private static String header(SpecFake.Recorded request, String name) {
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (header.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return header.getValue();
            }
        }
        return null;
    }

    private static String key(String path) {
        return path.startsWith("/api/v2/") ? path.substring("/api/v2/".length()) : path;
    }

    private static String read(String file) {
        try {
            return Files.readString(SpecFake.specsFolder().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
