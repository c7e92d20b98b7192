package dev.medianest.integrations.readarr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.platform.http.RemoteHttp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Readarr's API v1 (spec: readarr-v1.openapi.json in ../shared/specs), stateless: every call names
 * the instance and its API key. What Readarr shares with Radarr and Sonarr (status, profiles, root
 * folders, tags, disk space, queue) is in {@link #shared()}.
 *
 * <p>The Readarr project was retired and its repository archived on 2025-06-27, but many
 * households still run their last release (0.4.x), so MediaNest keeps speaking to it.
 */
public final class ReadarrClient {

    private final ArrApi api;

    public ReadarrClient(RemoteHttp http) {
        this.api = new ArrApi(http, "/api/v1");
    }

    /**
     * BookResource: a book (a Goodreads "work") from the library or from a lookup. Lookups return
     * books already in the library with their library {@code id} and monitoring
     * (BookInfoProxy.AddDbIds in src/NzbDrone.Core/MetadataSource/BookInfo/BookInfoProxy.cs).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Book(int id, String title, String seriesTitle, String overview, int authorId, String foreignBookId,
                       String foreignEditionId, String titleSlug, boolean monitored, boolean anyEditionOk, Instant releaseDate,
                       int pageCount, List<String> genres, Author author, List<Cover> images, BookStatistics statistics,
                       Instant added, String remoteCover, List<Edition> editions, boolean grabbed) {
        public Book {
            genres = genres == null ? List.of() : List.copyOf(genres);
            images = images == null ? List.of() : List.copyOf(images);
            editions = editions == null ? List.of() : List.copyOf(editions);
        }

        public boolean inLibrary() {
            return id > 0;
        }

        /** The edition Readarr would fetch: exactly one is monitored in a lookup (BookInfoProxy picks the most popular). */
        public Optional<Edition> monitoredEdition() {
            return editions.stream().filter(Edition::monitored).findFirst().or(() -> editions.stream().findFirst());
        }
    }

    /** AuthorResource. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Author(int id, String authorName, String foreignAuthorId, String titleSlug, String overview, String status,
                         boolean monitored, String path, int qualityProfileId, int metadataProfileId, List<Integer> tags,
                         List<Cover> images, String remotePoster, AuthorStatistics statistics, Instant added) {
        public Author {
            tags = tags == null ? List.of() : List.copyOf(tags);
            images = images == null ? List.of() : List.copyOf(images);
        }
    }

    /** EditionResource: one printing of a book. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Edition(int id, int bookId, String foreignEditionId, String title, String isbn13, String asin, String language,
                          String format, boolean isEbook, String publisher, int pageCount, Instant releaseDate, boolean monitored) {
    }

    /** Readarr's MediaCover: only {@code url}, remote for lookups, the local cache for library books. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cover(String coverType, String url) {
    }

    /** BookStatisticsResource: {@code bookFileCount} files of this book on disk. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BookStatistics(int bookFileCount, int bookCount, int totalBookCount, long sizeOnDisk) {
    }

    /** AuthorStatisticsResource. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthorStatistics(int bookFileCount, int bookCount, int availableBookCount, int totalBookCount, long sizeOnDisk) {
    }

    /** MetadataProfileResource, reduced to what a form offers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MetadataProfile(int id, String name) {
    }

    /**
     * The BookResource fields Readarr reads when a book is added: the book's Goodreads work id, its
     * author with the profiles and root folder that apply if the author is new, and exactly one
     * monitored edition, which AddBookService requires ({@code Editions.Single(x => x.Monitored)} in
     * src/NzbDrone.Core/Books/Services/AddBookService.cs). A new author is added monitoring none of
     * their other books.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewBook(String title, String foreignBookId, String foreignEditionId, boolean monitored, boolean anyEditionOk,
                          NewAuthor author, List<NewEdition> editions, AddBookOptions addOptions) {
        public NewBook {
            if (foreignBookId == null || foreignBookId.isBlank() || foreignEditionId == null || foreignEditionId.isBlank()) {
                throw new IllegalArgumentException("a new book needs its Goodreads work id and the edition to fetch");
            }
            if (author == null) {
                throw new IllegalArgumentException("a new book needs its author");
            }
            editions = List.copyOf(editions);
        }

        public static NewBook of(Book found, int qualityProfileId, int metadataProfileId, String rootFolderPath, List<Integer> tags,
                                 boolean monitored, boolean search) {
            if (found.author() == null) {
                throw new IllegalArgumentException("the book found names no author");
            }
            Edition edition = found.monitoredEdition().orElseThrow(() -> new IllegalArgumentException("the book found has no edition"));
            NewAuthor author = new NewAuthor(found.author().authorName(), found.author().foreignAuthorId(), qualityProfileId,
                    metadataProfileId, rootFolderPath, true, "none", tags, new AddAuthorOptions("none", false));
            return new NewBook(found.title(), found.foreignBookId(), edition.foreignEditionId(), monitored, true, author,
                    List.of(new NewEdition(edition.foreignEditionId(), edition.title(), true)), new AddBookOptions("manual", search));
        }
    }

    /** AuthorResource as sent with a new book. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewAuthor(String authorName, String foreignAuthorId, int qualityProfileId, int metadataProfileId, String rootFolderPath,
                            boolean monitored, String monitorNewItems, List<Integer> tags, AddAuthorOptions addOptions) {
        public NewAuthor {
            if (foreignAuthorId == null || foreignAuthorId.isBlank() || qualityProfileId <= 0 || metadataProfileId <= 0) {
                throw new IllegalArgumentException("a new author needs a Goodreads id, a quality profile and a metadata profile");
            }
            if (rootFolderPath == null || rootFolderPath.isBlank()) {
                throw new IllegalArgumentException("a new author needs a root folder");
            }
            tags = List.copyOf(tags);
        }
    }

    /** EditionResource as sent: the one edition to monitor. */
    public record NewEdition(String foreignEditionId, String title, boolean monitored) {
    }

    /** AddAuthorOptions: {@code monitor} none leaves the author's other books alone. */
    public record AddAuthorOptions(String monitor, boolean searchForMissingBooks) {
    }

    /** AddBookOptions. */
    public record AddBookOptions(String addType, boolean searchForNewBook) {
    }

    public ArrApi shared() {
        return api;
    }

    /**
     * GET /author/lookup?term=. The spec declares no body for this answer because the controller
     * returns {@code object} (src/Readarr.Api.V1/Author/AuthorLookupController.cs); it is a list of AuthorResource.
     */
    public List<Author> lookupAuthors(RemoteHttp.Endpoint endpoint, String apiKey, String term) {
        return api.list(endpoint, apiKey, ArrApi.withQuery("/author/lookup", "term", term), Author.class);
    }

    /**
     * GET /book/lookup?term=: free text, or a prefixed id ("work:3634639", "edition:…", "isbn:…",
     * "asin:…", BookInfoProxy.SearchForNewBook). Like the author lookup it is a list of BookResource
     * the spec leaves undeclared (src/Readarr.Api.V1/Books/BookLookupController.cs returns {@code object}).
     */
    public List<Book> lookupBooks(RemoteHttp.Endpoint endpoint, String apiKey, String term) {
        return api.list(endpoint, apiKey, ArrApi.withQuery("/book/lookup", "term", term), Book.class);
    }

    /** POST /book; Readarr answers 201 with the book as stored. */
    public Book add(RemoteHttp.Endpoint endpoint, String apiKey, NewBook book) {
        return api.post(endpoint, apiKey, "/book", book, Book.class);
    }

    /** GET /book: every book of the library, each with its file statistics. */
    public List<Book> books(RemoteHttp.Endpoint endpoint, String apiKey) {
        return api.library(endpoint, apiKey, "/book", Book.class);
    }

    /** GET /book/{id}, with its file statistics. */
    public Book book(RemoteHttp.Endpoint endpoint, String apiKey, int id) {
        return api.get(endpoint, apiKey, "/book/" + id, Book.class);
    }

    /**
     * One page of the download queue. Readarr's queue cannot be filtered by book. Its
     * {@code timeleft} is not read: the spec gives it as a TimeSpan object where Radarr and Sonarr
     * give the same field as text; {@code estimatedCompletionTime} says the same plainly.
     */
    public ArrApi.Page<ArrApi.QueueRecord> queue(RemoteHttp.Endpoint endpoint, String apiKey, int page, int pageSize) {
        return api.queue(endpoint, apiKey, page, pageSize);
    }

    /** POST /command BookSearch: look for releases of these books now. */
    public ArrApi.Command searchBooks(RemoteHttp.Endpoint endpoint, String apiKey, List<Integer> bookIds) {
        if (bookIds.isEmpty()) {
            throw new IllegalArgumentException("name at least one book to search for");
        }
        return api.command(endpoint, apiKey, "BookSearch", "bookIds", List.copyOf(bookIds));
    }

    /** GET /metadataprofile: which books of an author Readarr wants (languages, minimum popularity …). */
    public List<MetadataProfile> metadataProfiles(RemoteHttp.Endpoint endpoint, String apiKey) {
        return api.list(endpoint, apiKey, "/metadataprofile", MetadataProfile.class);
    }
}
