package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code help}: what the assistant can do, tool by tool, each with a line in the caller's language
 * and an example of asking for it in English and in Russian, and whether the caller may use it.
 */
final class HelpTool extends DefinedTool<HelpTool.Arguments> {

    /** Who may use a tool beyond the assistant permission every tool needs; absent means everyone. */
    private static final Map<String, Predicate<Principal>> RESTRICTED = Map.of(
            "request_media", who -> who.can(Permission.REQUEST),
            "pause_download", Principal::admin,
            "resume_download", Principal::admin,
            "cancel_download", Principal::admin);

    /** @param topic a tool's name or words about what the person wants to do; everything when absent */
    record Arguments(String topic) {
        Arguments {
            topic = ArgumentChecks.optionalText("topic", topic, 100).orElse(null);
        }
    }

    private static final ToolDefinition DEFINITION = new ToolDefinition("help",
            "Explains what the assistant can do: every tool with a one-line description in the caller's language, example phrases "
                    + "in English and Russian, and whether the caller may use it. Use it when the person asks what you can do or how "
                    + "to ask for something. topic narrows it to one tool or area (\"downloads\", \"request_media\").",
            ArgumentSchema.object()
                    .text("topic", "A tool name or words about an area, e.g. \"downloads\"; omit for everything.", 100, false)
                    .build(),
            false);

    private final Supplier<List<ToolDefinition>> tools;
    private final Messages messages;

    /** @param tools the definitions of every tool, this one included, in the order they are offered */
    HelpTool(Supplier<List<ToolDefinition>> tools, Messages messages) {
        super(DEFINITION, Arguments.class);
        this.tools = tools;
        this.messages = messages;
    }

    @Override
    public ToolResult run(Call<Arguments> call) {
        Messages.Texts texts = call.texts();
        Messages.Texts english = messages.in(Language.EN);
        Messages.Texts russian = messages.in(Language.RU);
        Optional<String> topic = Optional.ofNullable(call.arguments().topic());
        List<ToolDefinition> all = tools.get();
        List<ToolDefinition> chosen = topic.map(words -> all.stream().filter(tool -> about(tool, words, texts, english)).toList())
                .filter(found -> !found.isEmpty()).orElse(all);
        boolean narrowed = chosen.size() < all.size();

        ObjectNode structured = ToolViews.NODES.objectNode();
        structured.put("topic", topic.orElse(null));
        structured.put("matchedTopic", topic.isEmpty() || narrowed);
        ArrayNode list = structured.putArray("tools");
        for (ToolDefinition tool : chosen) {
            ObjectNode view = list.addObject();
            view.put("name", tool.name());
            view.put("description", texts.get("tools.help." + tool.name()));
            ObjectNode examples = view.putObject("examples");
            examples.put("en", english.get("tools.help.example." + tool.name()));
            examples.put("ru", russian.get("tools.help.example." + tool.name()));
            view.put("changes", tool.changes());
            view.put("mayUse", RESTRICTED.getOrDefault(tool.name(), who -> true).test(call.who()));
        }
        String summary;
        if (narrowed) {
            summary = String.join(" ", chosen.stream().map(tool -> texts.get("tools.help.line", tool.name(),
                    texts.get("tools.help." + tool.name()), english.get("tools.help.example." + tool.name()),
                    russian.get("tools.help.example." + tool.name()))).toList());
        } else {
            summary = texts.get(topic.isPresent() ? "tools.help.summary_unknown_topic" : "tools.help.summary", topic.orElse(""));
        }
        return new ToolResult(structured, summary, List.of());
    }

    /** Whether the topic names the tool, or words of its description in the caller's language or in English. */
    private static boolean about(ToolDefinition tool, String topic, Messages.Texts texts, Messages.Texts english) {
        String name = tool.name().replace('_', ' ');
        String lower = topic.toLowerCase(texts.language().locale()).replace('_', ' ').strip();
        return name.equals(lower) || TitleWords.matches(name + " " + texts.get("tools.help." + tool.name()) + " "
                + english.get("tools.help." + tool.name()), topic);
    }
}
