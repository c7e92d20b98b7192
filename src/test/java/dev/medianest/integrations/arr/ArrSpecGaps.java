package dev.medianest.integrations.arr;

import dev.medianest.testing.SpecFake;

/**
 * Where the published *arr specs differ from what Radarr, Sonarr and Readarr really do, each with the
 * upstream source that shows it. The fakes answer as the real services do and excuse only these.
 */
public final class ArrSpecGaps {

    private ArrSpecGaps() {
    }

    /**
     * The specs list only 200 for an add, but the controllers' {@code [RestPostById]} actions return
     * {@code Created(id)}: 201 with the stored resource (MovieController.AddMovie,
     * SeriesController.AddSeries, BookController.AddBook, CommandController.StartCommand).
     */
    public static SpecFake.KnownGap created(String path) {
        return new SpecFake.KnownGap("POST", path, "Response status 201 not defined",
                "src/*.Api.V*/**/*Controller.cs: [RestPostById] actions return Created(id)");
    }

    /**
     * CommandResource in the specs has no room for a command's own fields, but
     * CommandController.StartCommand reads the whole body as the command type its name picks, and
     * echoes them back in {@code body} (src/Radarr.Api.V3/Commands/CommandController.cs).
     */
    public static SpecFake.KnownGap commandField(String path, String field) {
        return new SpecFake.KnownGap("POST", path, "property '" + field + "' is not defined",
                "src/Radarr.Api.V3/Commands/CommandController.cs: STJson.Deserialize(body, commandType)");
    }

    /**
     * Radarr answers a TMDb id TMDb does not know with 500 and a MovieNotFoundException body; the spec
     * lists no error status for the lookup (src/Radarr.Http/ErrorManagement/RadarrErrorPipeline.cs).
     */
    public static SpecFake.KnownGap movieNotFound() {
        return new SpecFake.KnownGap("GET", "/api/v3/movie/lookup/tmdb", "Response status 500 not defined",
                "src/Radarr.Http/ErrorManagement/RadarrErrorPipeline.cs answers MovieNotFoundException with 500");
    }
}
