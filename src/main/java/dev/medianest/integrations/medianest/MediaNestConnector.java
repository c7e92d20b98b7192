package dev.medianest.integrations.medianest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.assistant.Toolbox;
import dev.medianest.platform.i18n.Messages;

/** Reaches another MediaNest: its tools, for {@code medianest mcp --server}. */
public final class MediaNestConnector {

    private MediaNestConnector() {
    }

    /**
     * Lists the server's tools once with the token, so a wrong address or a refused token is told
     * at once instead of at the first call.
     *
     * @throws MediaNestUnavailable when the server does not answer, refuses the token or is not MediaNest
     */
    public static Toolbox toolbox(MediaNestServer server, ObjectMapper json, Messages.Texts texts) {
        MediaNestClient client = new MediaNestClient(server, json, texts.language());
        return new RemoteToolbox(client, client.tools(), texts, server.baseUrl().toString());
    }
}
