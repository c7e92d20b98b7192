package dev.medianest.testing;

import java.util.List;
import java.util.Map;

/**
 * A Readarr 0.4 held to readarr-v1.openapi.json (see {@link SpecFake}) whose book lookup knows Dune
 * and Dune Messiah and whose library keeps Dune Messiah with its file: what search, the title page
 * and the availability badges ask of it.
 */
public final class FakeReadarr implements AutoCloseable {

    public static final String API_KEY = FakeRadarr.API_KEY;
    public static final int DUNE_WORK = 3634639;
    public static final int MESSIAH_WORK = 3634573;

    /** The lookup returns {@code object} in C#, so the generated spec declares no body for it. */
    private static final SpecFake.KnownGap LOOKUP_BODY = new SpecFake.KnownGap("GET", "/api/v1/book/lookup",
            "No response body is expected", "src/Readarr.Api.V1/Books/BookLookupController.cs: public object Search(string term)");

    private final SpecFake fake;

    private FakeReadarr() {
        this.fake = SpecFake.start("readarr-v1.openapi.json", routes -> {
            routes.before("/api/v1/*", ctx -> {
                if (!API_KEY.equals(ctx.header("X-Api-Key"))) {
                    ctx.status(401);
                    ctx.skipRemainingHandlers();
                }
            });
            routes.get("/api/v1/system/status", ctx -> ctx.json(Map.of("appName", "Readarr", "instanceName", "Readarr",
                    "version", "0.4.10.2734", "urlBase", "")));
            routes.get("/api/v1/health", ctx -> ctx.json(List.of()));
            routes.get("/api/v1/diskspace", ctx -> ctx.json(List.of()));
            routes.get("/api/v1/book/lookup", ctx -> {
                String term = String.valueOf(ctx.queryParam("term"));
                String all = Fixtures.text("readarr/book-lookup-dune.json");
                if (term.equals("work:" + DUNE_WORK)) {
                    ctx.contentType("application/json").result("[" + Fixtures.element("readarr/book-lookup-dune.json", 0) + "]");
                } else if (term.equals("work:" + MESSIAH_WORK)) {
                    ctx.contentType("application/json").result("[" + Fixtures.element("readarr/book-lookup-dune.json", 1) + "]");
                } else {
                    ctx.contentType("application/json").result(term.toLowerCase(java.util.Locale.ROOT).contains("dune") ? all : "[]");
                }
            });
            routes.get("/api/v1/book", ctx -> ctx.contentType("application/json").result("[" + Fixtures.text("readarr/book-dune-messiah.json") + "]"));
            routes.get("/api/v1/queue", Fixtures.answer("readarr/queue-page.json"));
            routes.get("/api/v1/qualityprofile", ctx -> ctx.json(List.of(Map.of("id", 1, "name", "eBook"))));
            routes.get("/api/v1/rootfolder", ctx -> ctx.json(List.of(Map.of("id", 1, "path", "/books", "accessible", true))));
            routes.get("/api/v1/tag", ctx -> ctx.json(List.of()));
        }).tolerating(LOOKUP_BODY);
    }

    public static FakeReadarr start() {
        return new FakeReadarr();
    }

    public String baseUrl() {
        return fake.baseUrl();
    }

    public List<SpecFake.Recorded> received() {
        return fake.received();
    }

    public void assertAllInSpec() {
        fake.assertAllInSpec();
    }

    @Override
    public void close() {
        fake.close();
    }
}
