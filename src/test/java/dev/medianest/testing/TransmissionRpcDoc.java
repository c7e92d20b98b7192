package dev.medianest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Transmission's legacy RPC as {@code transmission-rpc-spec-4.0.6-legacy.md} describes it, for a
 * {@link SpecFake} standing in for one release: the methods, the request arguments of each, the keys
 * {@code torrent-get} and {@code session-get} answer with, and — from the spec's "Protocol versions"
 * section — which of them that release's {@code rpc-version} does not have yet. A request of another
 * shape, or an answer with a key the release cannot know, is a violation.
 */
public final class TransmissionRpcDoc implements SpecFake.Document {

    private static final String FILE = "transmission-rpc-spec-4.0.6-legacy.md";
    private static final Pattern METHOD_NAME = Pattern.compile("^Method name: `([\\w-]+)`");
    private static final Pattern TABLE_KEY = Pattern.compile("^\\| `([\\w.-]+)[ `]");
    private static final Pattern LISTED_KEY = Pattern.compile("^(?:Request arguments:|\\d+\\. An? (?:optional|required)) .*?`([\\w-]+)`");
    private static final Pattern RELEASE = Pattern.compile("^Transmission [\\d.]+ \\(.*`rpc-version`: (\\d+)\\)");
    private static final Pattern CHANGE = Pattern.compile("^\\| `([\\w-]+)` *\\| (?::\\w+: )?new (?:request |return )?(method|arg `([\\w.-]+)`)");

    private final int rpcVersion;
    /** Method name to its request argument keys. */
    private final Map<String, Set<String>> methods;
    private final Set<String> torrentFields;
    private final Set<String> sessionFields;
    /** "method" or "method arg" to the rpc-version that brought it. */
    private final Map<String, Integer> introduced;
    private final ObjectMapper json = new ObjectMapper();

    private TransmissionRpcDoc(int rpcVersion, Map<String, Set<String>> methods, Set<String> torrentFields, Set<String> sessionFields,
                               Map<String, Integer> introduced) {
        this.rpcVersion = rpcVersion;
        this.methods = methods;
        this.torrentFields = torrentFields;
        this.sessionFields = sessionFields;
        this.introduced = introduced;
    }

    /** The RPC of the release whose {@code rpc-version} this is (15 is Transmission 2.80–2.94, 16 is 3.00). */
    public static TransmissionRpcDoc rpcVersion(int rpcVersion) {
        String spec = read();
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        Set<String> torrentFields = new LinkedHashSet<>();
        Set<String> sessionFields = new LinkedHashSet<>();
        Map<String, Integer> introduced = new HashMap<>();
        String section = "";
        List<String> sectionMethods = new ArrayList<>();
        boolean responsePart = false;
        boolean actionTable = false;
        int release = 0;
        for (String line : spec.lines().toList()) {
            if (line.startsWith("#")) {
                section = line;
                sectionMethods = new ArrayList<>();
                responsePart = false;
                actionTable = false;
                continue;
            }
            if (section.contains("5 Protocol versions")) {
                Matcher version = RELEASE.matcher(line);
                if (version.find()) {
                    release = Integer.parseInt(version.group(1));
                }
                Matcher change = CHANGE.matcher(line);
                if (change.find() && release > 0) {
                    introduced.putIfAbsent(change.group(3) == null ? change.group(1) : change.group(1) + " " + change.group(3), release);
                }
                continue;
            }
            if (line.startsWith("| Method name")) {
                actionTable = true;
                continue;
            }
            if (line.isBlank()) {
                actionTable = false; // the methods' table ends; what follows are their arguments
            }
            Matcher named = METHOD_NAME.matcher(line);
            if (named.find()) {
                sectionMethods.add(named.group(1));
                methods.putIfAbsent(named.group(1), new LinkedHashSet<>());
                continue;
            }
            Matcher row = TABLE_KEY.matcher(line);
            String key = row.find() ? row.group(1) : null;
            if (actionTable && key != null) {
                sectionMethods.add(key);
                methods.putIfAbsent(key, new LinkedHashSet<>());
                continue;
            }
            if (line.startsWith("Response arguments")) {
                responsePart = true;
            }
            Matcher listed = LISTED_KEY.matcher(line);
            if (key == null && listed.find()) {
                key = listed.group(1);
            }
            if (key == null) {
                continue;
            }
            if (section.contains("4.1 Session arguments")) {
                sessionFields.add(key);
            } else if (section.contains("torrent-get") && responsePart) {
                torrentFields.add(key);
            } else if (!responsePart) {
                for (String method : sectionMethods) {
                    methods.get(method).add(key);
                }
            }
        }
        if (!methods.containsKey("torrent-get") || torrentFields.isEmpty() || sessionFields.isEmpty() || introduced.isEmpty()) {
            throw new IllegalStateException(FILE + " no longer reads as expected");
        }
        return new TransmissionRpcDoc(rpcVersion, Map.copyOf(methods), Set.copyOf(torrentFields), Set.copyOf(sessionFields),
                Map.copyOf(introduced));
    }

    @Override
    public List<String> requestViolations(SpecFake.Recorded request) {
        if (!request.method().equals("POST")) {
            return List.of("the RPC is POSTed (2.3)");
        }
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            return List.of("the request is not JSON");
        }
        if (body == null || !body.isObject()) {
            return List.of("the request is not an object (2.1)");
        }
        List<String> problems = new ArrayList<>();
        Iterator<String> keys = body.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!Set.of("method", "arguments", "tag").contains(key)) {
                problems.add("requests support three keys (2.1), not " + key);
            }
        }
        String method = body.path("method").asText("");
        if (!methods.containsKey(method) || !available(method)) {
            problems.add("no method " + method + " at rpc-version " + rpcVersion);
            return problems;
        }
        body.path("arguments").fieldNames().forEachRemaining(argument -> {
            if (!methods.get(method).contains(argument) || !available(method + " " + argument)) {
                problems.add(method + " takes no argument " + argument + " at rpc-version " + rpcVersion);
            }
        });
        Set<String> fields = method.equals("torrent-get") ? torrentFields : method.equals("session-get") ? sessionFields : Set.of();
        body.path("arguments").path("fields").forEach(field -> {
            if (!fields.contains(field.asText()) || !available(method + " " + field.asText())) {
                problems.add(method + " has no field " + field.asText() + " at rpc-version " + rpcVersion);
            }
        });
        return problems;
    }

    @Override
    public List<String> responseViolations(String httpMethod, String path, int status, String contentType, String body) {
        if (status == 409 || status == 401 || status == 403) {
            return List.of(); // the session-id handshake (2.3.1), authentication (2.3.3) and the whitelist
        }
        if (status != 200) {
            return List.of("status " + status);
        }
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            return List.of("the answer is not JSON");
        }
        List<String> problems = new ArrayList<>();
        if (answer == null || !answer.path("result").isTextual()) {
            return List.of("an answer without a result string (2.2)");
        }
        JsonNode arguments = answer.path("arguments");
        arguments.path("torrents").forEach(torrent -> torrent.fieldNames().forEachRemaining(field -> {
            if (!torrentFields.contains(field) || !available("torrent-get " + field)) {
                problems.add("torrent-get answered field " + field + ", unknown at rpc-version " + rpcVersion);
            }
        }));
        if (arguments.has("rpc-version")) {
            arguments.fieldNames().forEachRemaining(field -> {
                if (!sessionFields.contains(field) || !available("session-get " + field)) {
                    problems.add("session-get answered " + field + ", unknown at rpc-version " + rpcVersion);
                }
            });
        }
        return problems;
    }

    private boolean available(String methodOrArgument) {
        return introduced.getOrDefault(methodOrArgument, 0) <= rpcVersion;
    }

    private static String read() {
        try {
            return Files.readString(SpecFake.specsFolder().resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
