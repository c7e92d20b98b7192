package dev.medianest.features.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tool layer in this process: every {@link Tool}, found by name, with its JSON arguments read
 * into the tool's record and every failure turned into a {@link ToolError} the caller can act on.
 */
public final class Tools {

    private static final Logger LOG = LoggerFactory.getLogger(Tools.class);

    private final Map<String, Tool<?>> byName = new LinkedHashMap<>();
    private final List<ToolDefinition> definitions;
    private final ObjectMapper arguments;
    private final Messages messages;

    public Tools(ObjectMapper json, Messages messages, List<Tool<?>> tools) {
        // Arguments come from a model or an MCP client: an argument we do not know is a mistake to
        // report, not something to drop silently.
        this.arguments = json.copy().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        this.messages = messages;
        for (Tool<?> tool : tools) {
            if (byName.putIfAbsent(tool.definition().name(), tool) != null) {
                throw new IllegalArgumentException("two tools are named " + tool.definition().name());
            }
        }
        this.definitions = byName.values().stream().map(Tool::definition).toList();
    }

    public List<ToolDefinition> definitions() {
        return definitions;
    }

    /** The tools as one caller sees them, answering in their language. */
    public Toolbox as(Principal who, Language language) {
        Messages.Texts texts = messages.in(language);
        return new Toolbox() {
            @Override
            public List<ToolDefinition> definitions() {
                return Tools.this.definitions();
            }

            @Override
            public ToolOutcome call(String name, JsonNode arguments, ToolProgress progress) {
                return Tools.this.call(who, texts, name, arguments, progress);
            }
        };
    }

    private ToolOutcome call(Principal who, Messages.Texts texts, String name, JsonNode given, ToolProgress progress) {
        Tool<?> tool = byName.get(name);
        if (tool == null) {
            return failed(ToolError.Kind.UNKNOWN_TOOL, Optional.empty(), texts.get("tool.error.unknown_tool", String.valueOf(name),
                    String.join(", ", byName.keySet())));
        }
        if (!who.can(Permission.ASSISTANT)) {
            return failed(ToolError.Kind.FORBIDDEN, Optional.empty(), texts.get("tool.error.no_assistant"));
        }
        try {
            return new ToolOutcome.Succeeded(run(tool, who, texts, given == null || given.isNull() ? JsonNodeFactory.instance.objectNode() : given,
                    progress == null ? ToolProgress.NONE : progress));
        } catch (InvalidArgument invalid) {
            return failed(ToolError.Kind.INVALID_ARGUMENTS, Optional.of(invalid.field()),
                    texts.get("tool.error.invalid_argument", invalid.field(), texts.get(invalid.messageKey(), invalid.args())));
        } catch (ToolRefusal refused) {
            return failed(refused.kind(), refused.field(), texts.get(refused.messageKey(), refused.args()));
        } catch (AppException refused) {
            return failed(kindOf(refused.code()), refused.details().keySet().stream().findFirst(), describe(refused, texts));
        } catch (RuntimeException unexpected) {
            LOG.warn("the {} tool failed unexpectedly", name, unexpected);
            return failed(ToolError.Kind.FAILED, Optional.empty(), texts.get("tool.error.failed", name));
        }
    }

    private <A extends Record> ToolResult run(Tool<A> tool, Principal who, Messages.Texts texts, JsonNode given, ToolProgress progress) {
        if (!given.isObject()) {
            throw new InvalidArgument("arguments", "tool.argument.not_object");
        }
        A parsed;
        try {
            parsed = arguments.treeToValue(given, tool.argumentType());
        } catch (UnrecognizedPropertyException unknown) {
            throw new InvalidArgument(unknown.getPropertyName(), "tool.argument.unknown",
                    String.join(", ", tool.definition().inputSchema().path("properties").properties().stream().map(Map.Entry::getKey).toList()));
        } catch (JsonMappingException wrong) {
            if (rootCause(wrong) instanceof InvalidArgument invalid) {
                throw invalid;
            }
            throw new InvalidArgument(fieldOf(wrong), "tool.argument.wrong_type");
        } catch (JsonProcessingException wrong) {
            throw new InvalidArgument("arguments", "tool.argument.not_object");
        }
        return tool.run(new Tool.Call<>(who, texts, parsed, progress));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String fieldOf(JsonMappingException wrong) {
        return wrong.getPath().stream().map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                : "[" + reference.getIndex() + "]").reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("arguments");
    }

    static String describe(AppException refused, Messages.Texts texts) {
        String message = texts.get(refused.code().messageKey(), refused.args());
        if (refused.details().isEmpty()) {
            return message;
        }
        Map.Entry<String, String> first = refused.details().entrySet().iterator().next();
        return message + " (" + first.getKey() + ": " + texts.get(first.getValue(), refused.args()) + ")";
    }

    private static ToolError.Kind kindOf(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, MALFORMED_JSON, PAYLOAD_TOO_LARGE, TORRENT_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE -> ToolError.Kind.INVALID_ARGUMENTS;
            case FORBIDDEN, UNAUTHENTICATED, SESSION_EXPIRED, TOKEN_INVALID, ACCOUNT_DISABLED, PASSWORD_CHANGE_REQUIRED -> ToolError.Kind.FORBIDDEN;
            case NOT_FOUND -> ToolError.Kind.NOT_FOUND;
            case QUOTA_EXCEEDED, REQUEST_STATE_CONFLICT, ALREADY_AVAILABLE, USERNAME_TAKEN, SERVICE_NAME_TAKEN, LAST_ADMIN, SELF_LOCKOUT,
                 RATE_LIMITED -> ToolError.Kind.CONFLICT;
            case NO_SUITABLE_SERVICE, NO_METADATA_SOURCE, REMOTE_FAILED, NOT_READY -> ToolError.Kind.UNAVAILABLE;
            default -> ToolError.Kind.FAILED;
        };
    }

    private static ToolOutcome failed(ToolError.Kind kind, Optional<String> field, String message) {
        return new ToolOutcome.Failed(new ToolError(kind, field, message));
    }
}
