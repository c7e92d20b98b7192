package dev.medianest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official MCP TypeScript SDK client ({@code @modelcontextprotocol/sdk} from the npm registry),
 * run with the machine's node on src/test/mcp-client/client.mjs. It is installed with {@code npm ci}
 * into target/mcp-client when missing; a machine without node or the registry fails the test
 * rather than skipping it, so an MCP test never passes without having run.
 */
public final class NodeMcpClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = Path.of(System.getProperty("medianest.projectDir", "."));
    private static final Path SOURCE = PROJECT.resolve("src/test/mcp-client");
    private static final Path HOME = PROJECT.resolve("target/mcp-client");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "client.mjs");

    private NodeMcpClient() {
    }

    /** Runs one scenario (see client.mjs) and returns what the client saw. */
    public static JsonNode run(JsonNode scenario, Duration timeout) {
        install();
        Path output = null;
        Path errors = null;
        try {
            output = Files.createTempFile("mcp-client", ".json");
            errors = Files.createTempFile("mcp-client", ".log");
            Process process = new ProcessBuilder("node", "client.mjs", JSON.writeValueAsString(scenario)).directory(HOME.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the MCP client did not finish within " + timeout + ":\n" + Files.readString(errors));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 || printed.isEmpty()) {
                throw new AssertionError("the MCP client failed (exit " + process.exitValue() + "):\n" + Files.readString(errors));
            }
            return JSON.readTree(printed.substring(printed.lastIndexOf('\n') + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(output);
            delete(errors);
        }
    }

    private static synchronized void install() {
        try {
            Files.createDirectories(HOME);
            boolean changed = false;
            for (String file : FILES) {
                Path target = HOME.resolve(file);
                byte[] wanted = Files.readAllBytes(SOURCE.resolve(file));
                if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), wanted)) {
                    Files.copy(SOURCE.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
                    changed |= !file.equals("client.mjs");
                }
            }
            if (!changed && Files.exists(HOME.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))) {
                return;
            }
            Path log = Files.createTempFile("npm-ci", ".log");
            try {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(HOME.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                if (!npm.waitFor(5, TimeUnit.MINUTES)) {
                    npm.destroyForcibly();
                    throw new AssertionError("npm ci did not finish within 5 minutes in " + HOME);
                }
                if (npm.exitValue() != 0) {
                    throw new AssertionError("npm ci failed in " + HOME + " (node and npm must be installed, and the npm registry reachable):\n"
                            + Files.readString(log));
                }
            } finally {
                delete(log);
            }
        } catch (IOException e) {
            throw new AssertionError("could not install the MCP test client (is node on the PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary file does no harm
            }
        }
    }
}
