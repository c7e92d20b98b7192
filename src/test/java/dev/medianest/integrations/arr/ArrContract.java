package dev.medianest.integrations.arr;

import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.SpecFake;
import io.javalin.config.RoutesConfig;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The frame of every *arr contract test: a fake held to the app's spec, the calls, then both checks. */
public final class ArrContract {

    private ArrContract() {
    }

    public static RemoteHttp.Endpoint endpoint(SpecFake fake) {
        return new RemoteHttp.Endpoint(URI.create(fake.baseUrl()), Duration.ofSeconds(2), false);
    }

    /**
     * Runs {@code calls} against a fake of {@code spec} answering with {@code routes}; then checks that
     * both sides kept to the spec (but for the known {@code gaps}) and that every request carried the
     * API key. Returns the stopped fake for checks on what it received.
     */
    public static SpecFake exchange(String spec, String apiKey, Consumer<RoutesConfig> routes, Consumer<SpecFake> calls,
                                    SpecFake.KnownGap... gaps) {
        try (SpecFake fake = SpecFake.start(spec, routes).tolerating(gaps)) {
            calls.accept(fake);
            fake.assertAllInSpec();
            assertThat(fake.received()).isNotEmpty()
                    .allSatisfy(request -> assertThat(request.headers()).containsEntry("X-Api-Key", apiKey));
            return fake;
        }
    }
}
