package dev.medianest.integrations.tmdb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic TMDb answers, each within tmdb-v3.openapi.json. Where that spec types
 * {@code vote_average} as an integer (series lists, season entries, upcoming movies; it was
 * generated from examples), the values here are whole numbers, though TMDb sends fractions.
 */
public final class TmdbPayloads {

    /** The shape of a v4 read access token (a JWT); not a real one. */
    public static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiIxYjJjM2Q0ZTVmNiIsInNjb3BlcyI6WyJhcGlfcmVhZCJdLCJ2ZXJzaW9uIjoxfQ.c2lnbmF0dXJlLW5vdC1yZWFs";
    public static final String API_KEY = "1b2c3d4e5f60718293a4b5c6d7e8f901";

    private TmdbPayloads() {
    }

    public static Map<String, Object> movie(int id, String title, String originalTitle, String date, String poster, List<Integer> genres, Number vote, int votes) {
        return Map.ofEntries(Map.entry("adult", false), Map.entry("backdrop_path", "/jYEW5xZkZk2WTrdbMGAPFuBqbDc.jpg"), Map.entry("genre_ids", genres),
                Map.entry("id", id), Map.entry("original_language", "en"), Map.entry("original_title", originalTitle),
                Map.entry("overview", title.equals(originalTitle) ? "Paul Atreides travels to the most dangerous planet in the universe."
                        : "Пол Атрейдес отправляется на самую опасную планету во вселенной."),
                Map.entry("popularity", 129.3), Map.entry("poster_path", poster), Map.entry("release_date", date), Map.entry("title", title),
                Map.entry("video", false), Map.entry("vote_average", vote), Map.entry("vote_count", votes));
    }

    public static Map<String, Object> series(int id, String name, String originalName, String date, String poster, List<Integer> genres, int vote, int votes) {
        return Map.ofEntries(Map.entry("backdrop_path", "/8e1DWBd5c4wNhEr1ah4vwMZW3pk.jpg"), Map.entry("first_air_date", date),
                Map.entry("genre_ids", genres), Map.entry("id", id), Map.entry("name", name), Map.entry("origin_country", List.of("US")),
                Map.entry("original_language", "en"), Map.entry("original_name", originalName),
                Map.entry("overview", "A close-knit anthology of repugnant crimes in the Midwest."), Map.entry("popularity", 71.4),
                Map.entry("poster_path", poster), Map.entry("vote_average", vote), Map.entry("vote_count", votes));
    }

    /** Multi search declares no first_air_date or origin_country for its series entries. */
    public static Map<String, Object> inMultiSearch(Map<String, Object> series) {
        Map<String, Object> copy = new HashMap<>(series);
        copy.remove("first_air_date");
        copy.remove("origin_country");
        copy.put("media_type", "tv");
        return copy;
    }

    public static Map<String, Object> typed(Map<String, Object> item, String mediaType) {
        Map<String, Object> copy = new HashMap<>(item);
        copy.put("media_type", mediaType);
        return copy;
    }

    public static Map<String, Object> page(List<Map<String, Object>> results) {
        return Map.of("page", 1, "results", results, "total_pages", 1, "total_results", results.size());
    }

    public static Map<String, Object> dune() {
        return movie(438631, "Dune", "Dune", "2021-09-15", "/d5NXSklXo0qyIYkgV94XAgMIckC.jpg", List.of(878, 12), 7.8, 12043);
    }

    public static Map<String, Object> duneRu() {
        return movie(438631, "Дюна", "Dune", "2021-09-15", "/jI9cW8PoTDqmHSGiwG9NfdxNnmJ.jpg", List.of(878, 12), 7.8, 12043);
    }

    public static Map<String, Object> duneTwo() {
        return movie(693134, "Dune: Part Two", "Dune: Part Two", "2024-02-27", "/1pdfLvkbY9ohJlCjQH2CZjjYVvJ.jpg", List.of(878, 12), 8, 6120);
    }

    public static Map<String, Object> bladeRunner() {
        return movie(335984, "Blade Runner 2049", "Blade Runner 2049", "2017-10-04", "/gajva2L0rPYkEWjzgFlBXCAVBE5.jpg", List.of(878, 18), 7.6, 14200);
    }

    public static Map<String, Object> fargo() {
        return series(60622, "Fargo", "Fargo", "2014-04-15", "/6U9CPeD8obHzweikFhiLhpc7YBT.jpg", List.of(80, 18), 8, 2811);
    }

    public static Map<String, Object> trueDetective() {
        return series(46648, "True Detective", "True Detective", "2014-01-12", "/cuV2O5ZyDLHSOWzg3nLVljp1ubw.jpg", List.of(18, 80), 8, 3400);
    }

    public static Map<String, Object> movieGenres() {
        return Map.of("genres", List.of(Map.of("id", 12, "name", "Adventure"), Map.of("id", 18, "name", "Drama"),
                Map.of("id", 878, "name", "Science Fiction")));
    }

    public static Map<String, Object> movieGenresRu() {
        return Map.of("genres", List.of(Map.of("id", 12, "name", "приключения"), Map.of("id", 18, "name", "драма"),
                Map.of("id", 878, "name", "фантастика")));
    }

    public static Map<String, Object> tvGenres() {
        return Map.of("genres", List.of(Map.of("id", 18, "name", "Drama"), Map.of("id", 80, "name", "Crime"),
                Map.of("id", 10765, "name", "Sci-Fi & Fantasy")));
    }

    public static Map<String, Object> configuration() {
        return Map.of("images", Map.of("base_url", "http://image.tmdb.org/t/p/", "secure_base_url", "https://image.tmdb.org/t/p/",
                        "backdrop_sizes", List.of("w300", "w780", "w1280", "original"), "logo_sizes", List.of("w45", "w92", "w154", "w185", "w300", "w500", "original"),
                        "poster_sizes", List.of("w92", "w154", "w185", "w342", "w500", "w780", "original"),
                        "profile_sizes", List.of("w45", "w185", "h632", "original"), "still_sizes", List.of("w92", "w185", "w300", "original")),
                "change_keys", List.of("adult", "air_date", "also_known_as", "genres", "images", "imdb_id", "overview", "title"));
    }

    public static Map<String, Object> duneDetails(String language) {
        boolean russian = language.startsWith("ru");
        return Map.ofEntries(Map.entry("adult", false), Map.entry("backdrop_path", "/jYEW5xZkZk2WTrdbMGAPFuBqbDc.jpg"),
                Map.entry("belongs_to_collection", Map.of("id", 726871, "name", russian ? "Дюна (Коллекция)" : "Dune Collection",
                        "poster_path", "/wcVafar6Efk3YgFvh8oZQ4yHL6H.jpg", "backdrop_path", "/iCFFmXkK5FdIzqZyyQQEdpkTRtS.jpg")),
                Map.entry("budget", 165000000), Map.entry("genres", russian
                        ? List.of(Map.of("id", 878, "name", "фантастика"), Map.of("id", 12, "name", "приключения"))
                        : List.of(Map.of("id", 878, "name", "Science Fiction"), Map.of("id", 12, "name", "Adventure"))),
                Map.entry("homepage", "https://www.dunemovie.com"), Map.entry("id", 438631), Map.entry("imdb_id", "tt1160419"),
                Map.entry("origin_country", List.of("US")), Map.entry("original_language", "en"), Map.entry("original_title", "Dune"),
                Map.entry("overview", russian ? "Наследник знаменитого дома Атрейдесов Пол отправляется вместе с семьёй на одну из самых опасных планет во Вселенной — Арракис."
                        : "Paul Atreides, a brilliant and gifted young man born into a great destiny beyond his understanding, must travel to the most dangerous planet in the universe."),
                Map.entry("popularity", 129.3), Map.entry("poster_path", russian ? "/jI9cW8PoTDqmHSGiwG9NfdxNnmJ.jpg" : "/d5NXSklXo0qyIYkgV94XAgMIckC.jpg"),
                Map.entry("production_companies", List.of(Map.of("id", 923, "logo_path", "/8M99Dkt23MjQMTTWukq4m5XsEuo.png", "name", "Legendary Pictures", "origin_country", "US"))),
                Map.entry("production_countries", List.of(Map.of("iso_3166_1", "US", "name", "United States of America"))),
                Map.entry("release_date", "2021-09-15"), Map.entry("revenue", 407573628), Map.entry("runtime", 155),
                Map.entry("spoken_languages", List.of(Map.of("english_name", "English", "iso_639_1", "en", "name", "English"))),
                Map.entry("status", "Released"), Map.entry("tagline", russian ? "Всё начинается здесь" : "It begins."),
                Map.entry("title", russian ? "Дюна" : "Dune"), Map.entry("video", false), Map.entry("vote_average", 7.8), Map.entry("vote_count", 12043),
                Map.entry("credits", Map.of(
                        "cast", List.of(castMember(1190668, "Timothée Chalamet", "Paul Atreides", 0), castMember(505710, "Zendaya", "Chani", 6),
                                castMember(37625, "Rebecca Ferguson", "Lady Jessica Atreides", 1)),
                        "crew", List.of(Map.ofEntries(Map.entry("adult", false), Map.entry("credit_id", "5b4c3bf0c3a36823ba01c0ed"),
                                Map.entry("department", "Directing"), Map.entry("gender", 2), Map.entry("id", 137427), Map.entry("job", "Director"),
                                Map.entry("known_for_department", "Directing"), Map.entry("name", "Denis Villeneuve"), Map.entry("original_name", "Denis Villeneuve"),
                                Map.entry("popularity", 5.2), Map.entry("profile_path", "/zdDx9Xs93UIrJFWYApYR28J8M6b.jpg"))))),
                Map.entry("videos", Map.of("results", List.of(
                        video("n9xhJrPXop4", "Dune | Official Main Trailer", "Trailer", true, "2021-07-22T15:00:05.000Z"),
                        video("8g18jFHCLXk", "Dune | Official Teaser", "Teaser", true, "2020-09-09T16:00:01.000Z")))),
                Map.entry("release_dates", Map.of("results", List.of(
                        Map.of("iso_3166_1", "US", "release_dates", List.of(
                                Map.of("certification", "PG-13", "descriptors", List.of(), "iso_639_1", "", "note", "", "release_date", "2021-10-22T00:00:00.000Z", "type", 3),
                                Map.of("certification", "", "descriptors", List.of(), "iso_639_1", "", "note", "HBO Max", "release_date", "2021-10-22T00:00:00.000Z", "type", 4))),
                        Map.of("iso_3166_1", "RU", "release_dates", List.of(
                                Map.of("certification", "12+", "descriptors", List.of(), "iso_639_1", "", "note", "", "release_date", "2021-09-16T00:00:00.000Z", "type", 3)))))));
    }

    public static Map<String, Object> fargoDetails() {
        return Map.ofEntries(Map.entry("adult", false), Map.entry("backdrop_path", "/8e1DWBd5c4wNhEr1ah4vwMZW3pk.jpg"),
                Map.entry("created_by", List.of(Map.of("credit_id", "5253ff2f760ee3776a2ba1a8", "gender", 2, "id", 69597, "name", "Noah Hawley",
                        "profile_path", "/kSizTQWJPlAMyCN0PnT3eoS4IWK.jpg"))),
                Map.entry("episode_run_time", List.of(53)), Map.entry("first_air_date", "2014-04-15"),
                Map.entry("genres", List.of(Map.of("id", 80, "name", "Crime"), Map.of("id", 18, "name", "Drama"))),
                Map.entry("homepage", "https://www.fxnetworks.com/shows/fargo"), Map.entry("id", 60622), Map.entry("in_production", true),
                Map.entry("languages", List.of("en")), Map.entry("last_air_date", "2024-01-16"), Map.entry("name", "Fargo"),
                Map.entry("networks", List.of(Map.of("id", 88, "logo_path", "/aexGjtcs42DgRtZh7zOxayiry4J.png", "name", "FX", "origin_country", "US"))),
                Map.entry("number_of_episodes", 51), Map.entry("number_of_seasons", 5), Map.entry("origin_country", List.of("US")),
                Map.entry("original_language", "en"), Map.entry("original_name", "Fargo"),
                Map.entry("overview", "A close-knit anthology of repugnant crimes in the Midwest."), Map.entry("popularity", 71.4),
                Map.entry("poster_path", "/6U9CPeD8obHzweikFhiLhpc7YBT.jpg"),
                Map.entry("seasons", List.of(
                        Map.of("air_date", "2014-04-15", "episode_count", 10, "id", 62411, "name", "Specials", "overview", "", "poster_path", "/x.jpg", "season_number", 0, "vote_average", 0),
                        Map.of("air_date", "2014-04-15", "episode_count", 10, "id", 60072, "name", "Year 1", "overview", "", "poster_path", "/y.jpg", "season_number", 1, "vote_average", 8),
                        Map.of("air_date", "2015-10-12", "episode_count", 10, "id", 68874, "name", "Year 2", "overview", "", "poster_path", "/z.jpg", "season_number", 2, "vote_average", 8))),
                Map.entry("status", "Returning Series"), Map.entry("tagline", "This is a true story."), Map.entry("type", "Miniseries"),
                Map.entry("vote_average", 8.3), Map.entry("vote_count", 2811),
                Map.entry("credits", Map.of("id", 60622, "cast", List.of(castMember(2712, "Billy Bob Thornton", "Lorne Malvo", 0),
                        castMember(17604, "Martin Freeman", "Lester Nygaard", 1)), "crew", List.of())),
                Map.entry("videos", Map.of("results", List.of(video("eMZs6DDCwMk", "Fargo Season 1 Trailer", "Trailer", true, "2014-03-01T10:00:00.000Z")))),
                Map.entry("content_ratings", Map.of("results", List.of(Map.of("descriptors", List.of(), "iso_3166_1", "US", "rating", "TV-MA"),
                        Map.of("descriptors", List.of(), "iso_3166_1", "RU", "rating", "18+")))),
                Map.entry("external_ids", Map.of("imdb_id", "tt2802850", "tvdb_id", 269613, "wikidata_id", "Q15627286", "facebook_id", "FargoFX",
                        "instagram_id", "fargofx", "twitter_id", "FargoFX")));
    }

    public static Map<String, Object> castMember(int id, String name, String character, int order) {
        return Map.ofEntries(Map.entry("adult", false), Map.entry("gender", 2), Map.entry("id", id), Map.entry("known_for_department", "Acting"),
                Map.entry("name", name), Map.entry("original_name", name), Map.entry("popularity", 40.1), Map.entry("profile_path", "/p" + id + ".jpg"),
                Map.entry("character", character), Map.entry("credit_id", "5b4c3bf0c3a368" + id), Map.entry("order", order));
    }

    public static Map<String, Object> video(String key, String name, String type, boolean official, String published) {
        return Map.of("iso_639_1", "en", "iso_3166_1", "US", "name", name, "key", key, "site", "YouTube", "size", 1080, "type", type,
                "official", official, "published_at", published, "id", "60f9" + key);
    }
}
