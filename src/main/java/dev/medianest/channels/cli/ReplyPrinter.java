package dev.medianest.channels.cli;

import dev.medianest.features.assistant.ChatReply;
import dev.medianest.features.assistant.ReplyChoice;
import dev.medianest.features.assistant.ReplyStream;
import dev.medianest.features.assistant.ToolCard;

import java.io.PrintWriter;
import java.util.List;

/**
 * Prints one reply of the assistant on a terminal as it is made: the text piece by piece, lines
 * about what is happening dimmed on their own lines, and once the reply is whole its cards (one
 * compact line each), its choices as numbered buttons to type, and its notice, dimmed. Pieces may
 * come from the model's own threads; once {@link #detach() detached} (Ctrl-C) nothing more is shown.
 */
final class ReplyPrinter implements ReplyStream {

    /** Cells of the progress bar on a card line. */
    static final int CARD_BAR = 12;

    private final PrintWriter out;
    private final Look look;
    private final String indent;
    private boolean textShown;
    private boolean atLineStart = true;
    private boolean detached;

    ReplyPrinter(PrintWriter out, Look look, String indent) {
        this.out = out;
        this.look = look;
        this.indent = indent;
    }

    @Override
    public synchronized void text(String piece) {
        if (detached || piece.isEmpty()) {
            return;
        }
        String[] lines = piece.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.println();
                atLineStart = true;
            }
            if (!lines[i].isEmpty()) {
                if (atLineStart) {
                    out.print(indent);
                }
                out.print(lines[i]);
                atLineStart = false;
            }
        }
        textShown = true;
        out.flush();
    }

    @Override
    public synchronized void status(String line) {
        if (detached) {
            return;
        }
        endLine();
        out.println(indent + look.dim(line));
        out.flush();
    }

    /** Cards wait for the whole reply, so they stand under its text rather than inside it. */
    @Override
    public void card(ToolCard card) {
        // printed by finish() from the reply, which holds every card
    }

    /** Shows what streaming did not: the text if none came, then cards, choices and the notice. */
    synchronized void finish(ChatReply reply) {
        if (detached) {
            return;
        }
        if (!textShown) {
            text(reply.text());
        }
        endLine();
        for (ToolCard card : reply.cards()) {
            out.println(indent + card(card, look));
        }
        if (!reply.choices().isEmpty()) {
            out.println(indent + choices(reply.choices(), look));
        }
        reply.notice().ifPresent(notice -> out.println(indent + look.dim("(" + notice + ")")));
        out.flush();
    }

    /** Nothing more of this reply is shown; a late piece from a cancelled turn stays off the screen. */
    synchronized void detach() {
        endLine();
        detached = true;
    }

    private void endLine() {
        if (!atLineStart) {
            out.println();
            atLineStart = true;
        }
    }

    /** {@code • Dune (2021) · Available in HD · 4K  ██████░░░░ 60 %} */
    static String card(ToolCard card, Look look) {
        StringBuilder line = new StringBuilder(look.bullet()).append(' ').append(look.bold(card.heading()));
        card.year().ifPresent(year -> line.append(" (").append(year).append(')'));
        if (!card.detail().isBlank()) {
            line.append(look.dot()).append(card.detail());
        }
        // A tool often spells its badges out in the detail too; a terminal line says each once.
        List<String> badges = card.badges().stream().filter(badge -> !card.detail().contains(badge)).toList();
        if (!badges.isEmpty()) {
            line.append(look.dot()).append(String.join(", ", badges));
        }
        card.progress().ifPresent(share -> line.append("  ").append(look.good(look.bar(share, CARD_BAR))).append(' ').append(Look.percent(share)));
        return line.toString();
    }

    /** {@code [1] Yes  [2] No}; a button whose label is its own number shows once: {@code [1] [2] [3]}. */
    static String choices(List<ReplyChoice> choices, Look look) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            String number = String.valueOf(i + 1);
            String label = choices.get(i).label();
            line.append(i == 0 ? "" : "  ").append(look.accent("[" + number + "]"));
            if (!label.equals(number)) {
                line.append(' ').append(label);
            }
        }
        return line.toString();
    }
}
