package dev.medianest.channels.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.assistant.ReplyStream;
import dev.medianest.features.assistant.ToolCard;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * Server-sent events written on the answer to one POST, as the assistant's reply is made (an
 * EventSource cannot POST, so the chat reads these with fetch). The 200 and its headers go out only
 * with the first event: a message refused before anything was said still gets the usual error
 * answer. Each event's data is one line of JSON. Writes may come from the model's own threads.
 */
final class EventStream {

    private final Context ctx;
    private final ObjectMapper json;
    private OutputStream out;
    private boolean gone;

    EventStream(Context ctx, ObjectMapper json) {
        this.ctx = ctx;
        this.json = json;
    }

    /** Whether the caller asked for server-sent events ({@code Accept: text/event-stream}). */
    static boolean wanted(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/event-stream");
    }

    /**
     * The assistant's reply as it is made, sent as these events: {@code text} pieces and
     * {@code status} lines as {@code {"text"}}, each {@code card} as {@code cards} shows it.
     */
    ReplyStream replies(Function<ToolCard, Object> cards) {
        return new ReplyStream() {
            @Override
            public void text(String piece) {
                send("text", Map.of("text", piece));
            }

            @Override
            public void card(ToolCard card) {
                send("card", cards.apply(card));
            }

            @Override
            public void status(String line) {
                send("status", Map.of("text", line));
            }
        };
    }

    /** Whether anything was sent, so an error now can only be told as an event. */
    synchronized boolean started() {
        return out != null || gone;
    }

    /**
     * Sends one event. A browser that went away ends nothing: the reply is still made and stored,
     * so the person sees it in their history.
     */
    synchronized void send(String event, Object data) {
        if (gone) {
            return;
        }
        String line;
        try {
            line = json.writeValueAsString(data);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        try {
            if (out == null) {
                HttpServletResponse response = ctx.res();
                response.setStatus(200);
                response.setCharacterEncoding("UTF-8");
                response.setContentType("text/event-stream");
                response.setHeader("Cache-Control", "no-store");
                // nginx and similar proxies would otherwise hold the pieces back until the reply is whole.
                response.setHeader("X-Accel-Buffering", "no");
                out = response.getOutputStream();
            }
            out.write(("event: " + event + "\ndata: " + line + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException closed) {
            gone = true;
        }
    }
}
