package dev.medianest.integrations.readarr;

import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.integrations.arr.ArrQueue;
import dev.medianest.integrations.arr.ArrSettings;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One Readarr instance as the catalog's MediaKeeper of books. */
final class ReadarrBooks implements MediaKeeper {

    private final ReadarrClient readarr;
    private final ArrSettings settings;
    private final Optional<Integer> metadataProfileId;

    ReadarrBooks(ReadarrClient readarr, ServiceInstance instance) {
        this.readarr = readarr;
        this.settings = ArrSettings.of(instance);
        this.metadataProfileId = ArrSettings.positiveNumber(instance, "metadataProfileId");
    }

    @Override
    public Kind kind() {
        return Kind.BOOK;
    }

    @Override
    public List<Title> search(String text) {
        return readarr.lookupBooks(settings.endpoint(), settings.apiKey(), text).stream().map(ReadarrBooks::title).toList();
    }

    @Override
    public Optional<Title> find(ExternalId id) {
        return lookup(id).map(ReadarrBooks::title);
    }

    /** A lookup says whether Readarr keeps the book; the book itself says whether its file is there. */
    @Override
    public Presence presence(ExternalId id) {
        return lookup(id).filter(ReadarrClient.Book::inLibrary)
                .map(found -> readarr.book(settings.endpoint(), settings.apiKey(), found.id()))
                .map(book -> new Presence(Optional.of((long) book.id()), book.monitored(),
                        book.statistics() != null && book.statistics().bookFileCount() > 0 ? 1 : 0, 1,
                        queue().stream().filter(download -> download.libraryId() == book.id()).toList()))
                .orElse(Presence.absent());
    }

    @Override
    public Added add(Addition addition) {
        ReadarrClient.Book found = lookup(addition.id()).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        if (found.inLibrary()) {
            ReadarrClient.Book kept = readarr.book(settings.endpoint(), settings.apiKey(), found.id());
            boolean search = addition.searchNow() && (kept.statistics() == null || kept.statistics().bookFileCount() == 0);
            if (search) {
                readarr.searchBooks(settings.endpoint(), settings.apiKey(), List.of(kept.id()));
            }
            return new Added(kept.id(), kept.title(), true, search);
        }
        int metadataProfile = ArrSettings.choose(Optional.empty(), metadataProfileId,
                () -> readarr.metadataProfiles(settings.endpoint(), settings.apiKey()), ReadarrClient.MetadataProfile::id,
                "metadataProfileId", "validation.arr.metadata_profile_missing");
        ReadarrClient.Book added = readarr.add(settings.endpoint(), settings.apiKey(), ReadarrClient.NewBook.of(found,
                settings.qualityProfile(addition.qualityProfileId(), readarr.shared()), metadataProfile,
                settings.rootFolder(addition.rootFolder(), readarr.shared()), settings.tagsWith(addition.tags()),
                addition.monitored(), addition.searchNow()));
        return new Added(added.id(), added.title(), false, addition.searchNow());
    }

    /** Readarr's queue cannot be asked about one book, so presence reads it whole too. */
    @Override
    public List<Download> queue() {
        return ArrQueue.downloads(page -> readarr.queue(settings.endpoint(), settings.apiKey(), page, ArrQueue.PAGE_SIZE),
                ArrApi.QueueRecord::bookId);
    }

    @Override
    public List<Kept> library() {
        Map<Long, List<Download>> downloading = queue().stream().collect(Collectors.groupingBy(Download::libraryId));
        return readarr.books(settings.endpoint(), settings.apiKey()).stream().filter(ReadarrClient.Book::inLibrary)
                .map(book -> kept(book, downloading.getOrDefault((long) book.id(), List.of()))).flatMap(Optional::stream).toList();
    }

    private static Optional<Kept> kept(ReadarrClient.Book book, List<Download> downloads) {
        List<ExternalId> ids = title(book).ids();
        boolean file = book.statistics() != null && book.statistics().bookFileCount() > 0;
        return ids.isEmpty() ? Optional.empty() : Optional.of(new Kept(ids,
                new Presence(Optional.of((long) book.id()), book.monitored(), file ? 1 : 0, 1, downloads), List.of()));
    }

    /** Readarr looks books up by prefixed id: "work:" for a Goodreads work, "isbn:" (BookInfoProxy.SearchForNewBook). */
    private Optional<ReadarrClient.Book> lookup(ExternalId id) {
        String term = switch (id.catalogue()) {
            case GOODREADS -> "work:" + id.value();
            case ISBN -> "isbn:" + id.value();
            case TMDB, TVDB, IMDB -> "";
        };
        return term.isEmpty() ? Optional.empty() : readarr.lookupBooks(settings.endpoint(), settings.apiKey(), term).stream().findFirst();
    }

    static Title title(ReadarrClient.Book book) {
        Optional<ReadarrClient.Edition> edition = book.monitoredEdition();
        List<ExternalId> ids = Stream.of(
                        ExternalId.parse(Catalogue.GOODREADS, Objects.requireNonNullElse(book.foreignBookId(), "")),
                        edition.flatMap(chosen -> ExternalId.parse(Catalogue.ISBN, Objects.requireNonNullElse(chosen.isbn13(), ""))))
                .flatMap(Optional::stream).toList();
        Optional<String> cover = Optional.ofNullable(book.remoteCover()).or(() -> book.images().stream()
                .filter(image -> "cover".equals(image.coverType())).map(ReadarrClient.Cover::url).filter(Objects::nonNull).findFirst());
        int year = book.releaseDate() == null ? 0 : book.releaseDate().atZone(ZoneOffset.UTC).getYear();
        return new Title(Kind.BOOK, book.title(), year, ids, book.overview(), cover,
                Optional.ofNullable(book.author()).map(ReadarrClient.Author::authorName), List.of(),
                book.inLibrary() ? Optional.of((long) book.id()) : Optional.empty());
    }

    @Override
    public int tag(String label) {
        return readarr.shared().tag(settings.endpoint(), settings.apiKey(), label).id();
    }
}
