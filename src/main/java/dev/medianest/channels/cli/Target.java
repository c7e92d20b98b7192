package dev.medianest.channels.cli;

import dev.medianest.App;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.assistant.Conversation;
import dev.medianest.features.downloads.DownloadAudience;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestFilter;
import dev.medianest.features.requests.RequestPage;
import dev.medianest.features.requests.Requests;
import dev.medianest.integrations.medianest.MediaNestClient;
import dev.medianest.integrations.medianest.RemoteConversation;
import dev.medianest.integrations.medianest.RemoteStatus;
import dev.medianest.integrations.medianest.ServerStatus;
import dev.medianest.integrations.medianest.TokenOwner;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whom {@code chat}, {@code query} and {@code status} work with: a running MediaNest over its API
 * with the token's owner's rights, or the data directory in this process as one account, with
 * exactly that account's rights.
 */
sealed interface Target extends AutoCloseable {

    /** The person's conversation with the assistant. */
    Conversation conversation();

    /** Downloads and requests; everyone's requests only when {@link #managesRequests()}. */
    ServerStatus status(boolean everyone, int limit);

    /** The user name the commands act as. */
    String username();

    /** Where: the server's address, or the data directory. */
    String place();

    boolean managesRequests();

    @Override
    void close();

    /** A running MediaNest, called with a personal API token. */
    record Remote(MediaNestClient client, TokenOwner owner) implements Target {

        @Override
        public Conversation conversation() {
            return new RemoteConversation(client);
        }

        @Override
        public ServerStatus status(boolean everyone, int limit) {
            return new RemoteStatus(client).read(everyone, limit);
        }

        @Override
        public String username() {
            return owner.username();
        }

        @Override
        public String place() {
            return client.server().toString();
        }

        @Override
        public boolean managesRequests() {
            return owner.managesRequests();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /**
     * The data directory, opened in this process, acting as one account.
     *
     * @param loud puts the log level back when the command ends
     */
    record Local(App app, Principal principal, Language language, Runnable loud) implements Target {

        @Override
        public Conversation conversation() {
            return app.assistant().conversation(principal, language);
        }

        /** As {@code GET /api/v1/downloads} and {@code /api/v1/requests} answer the same person. */
        @Override
        public ServerStatus status(boolean everyone, int limit) {
            Messages.Texts texts = app.messages().in(language);
            List<DownloadBoard.Group> groups = new DownloadAudience(app.requests()::torrentHashesOf)
                    .visible(principal, app.downloads().groups());
            List<ServerStatus.Client> clients = new ArrayList<>();
            for (DownloadBoard.Group group : groups) {
                clients.add(switch (group) {
                    case DownloadBoard.Listed listed -> new ServerStatus.Client(listed.instance().name(), listed.instance().kind().key(), Optional.empty(),
                            listed.torrents().stream().map(torrent -> new ServerStatus.Download(torrent.name(), torrent.state().name(),
                                    torrent.progress(), torrent.size(), torrent.downloadSpeed(), torrent.eta())).toList());
                    case DownloadBoard.Failed failed -> new ServerStatus.Client(failed.instance().name(), failed.instance().kind().key(),
                            Optional.of(texts.get(failed.problem().messageKey(), failed.problem().args().toArray())), List.of());
                });
            }
            RequestFilter filter = new RequestFilter(Optional.empty(), Set.of(), Optional.empty(), RequestFilter.Sort.UPDATED, limit, 0);
            RequestPage page = app.requests().list(principal, everyone ? filter : filter.onlyOf(principal.user().id()));
            List<ServerStatus.Request> requests = page.requests().stream().map(request -> request(request, texts)).toList();
            return new ServerStatus(clients, requests, page.total(), everyone);
        }

        private static ServerStatus.Request request(MediaRequest request, Messages.Texts texts) {
            return new ServerStatus.Request(request.id(), request.title().type().name().toLowerCase(java.util.Locale.ROOT), request.title().name(),
                    request.title().year(), request.fourK(), request.state().wireName(),
                    request.progress().filesPresent(), request.progress().filesExpected(),
                    request.progress().downloading(),
                    request.requesters().stream().map(MediaRequest.Requester::username).toList(),
                    request.lastError().map(problem -> texts.get(problem.messageKey(), problem.args().toArray())), request.updatedAt());
        }

        @Override
        public String username() {
            return principal.user().username();
        }

        @Override
        public String place() {
            return app.settings().data().dir().toString();
        }

        @Override
        public boolean managesRequests() {
            return Requests.manages(principal);
        }

        @Override
        public void close() {
            try {
                app.close();
            } finally {
                loud.run();
            }
        }
    }
}
