package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestState;
import dev.medianest.features.requests.Requests;
import dev.medianest.platform.i18n.Messages;

import java.util.List;

/**
 * {@code cancel_request}: a requester withdraws from a request still waiting for approval, as the
 * Cancel button of the Requests page does. The last requester's withdrawal cancels it; with others
 * still asking, it stays for them.
 */
final class CancelRequestTool extends DefinedTool<CancelRequestTool.Arguments> {

    /** @param id the request's number */
    record Arguments(Long id) {
        Arguments {
            if (id == null) {
                throw new InvalidArgument("id", "tool.argument.required");
            }
            if (id < 1) {
                throw new InvalidArgument("id", "tools.argument.positive");
            }
        }
    }

    private static final ToolDefinition DEFINITION = new ToolDefinition("cancel_request",
            "Withdraws the caller's own request while it still waits for approval (state pending). If other people asked for the "
                    + "same title, the request stays for them and only the caller is removed from it. Approved or finished requests "
                    + "cannot be cancelled here. id comes from request_media or request_status results. The person should confirm "
                    + "before you call this.",
            ArgumentSchema.object()
                    .id("id", "The request's number, from request_media or request_status results.", true)
                    .build(),
            true);

    private final Requests requests;

    CancelRequestTool(Requests requests) {
        super(DEFINITION, Arguments.class);
        this.requests = requests;
    }

    @Override
    public ToolResult run(Call<Arguments> call) {
        Messages.Texts texts = call.texts();
        // Looked up first so another person's request is "not found" here exactly as in request_status.
        RequestStatusTool.visible(requests, call.who(), call.arguments().id());
        MediaRequest after = requests.cancel(call.who(), call.arguments().id());
        boolean cancelled = after.state() == RequestState.CANCELLED;
        ObjectNode structured = ToolViews.NODES.objectNode();
        structured.put("requestId", after.id());
        structured.put("cancelled", cancelled);
        structured.put("remainingRequesters", after.requesters().size());
        structured.set("request", ToolViews.request(after, texts));
        String summary = cancelled ? ToolViews.aboutRequest("tools.cancel_request.cancelled", after, texts)
                : ToolViews.aboutRequest("tools.cancel_request.withdrawn", after, texts, after.requesters().size());
        return new ToolResult(structured, summary, List.of(ToolViews.requestCard(after, texts)));
    }
}
