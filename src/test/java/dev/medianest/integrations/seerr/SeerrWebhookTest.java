package dev.medianest.integrations.seerr;

import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.WebhookEvent;
import dev.medianest.features.requests.WebhookFormat;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seerr's webhook notification with its default JSON payload, as server/lib/notifications/agents/webhook.ts fills it. */
class SeerrWebhookTest {

    private final WebhookFormat format = SeerrConnector.webhookFormat();

    /** The default template after substitution: every placeholder becomes text, including ids. */
    static String notification(String type, String mediaType, String tmdbId, String tvdbId, String status, String requestId) {
        return """
                {"notification_type":"%s","event":"Movie Request Now Available","subject":"Dune (2021)","message":"A desert planet.",
                 "image":"https://image.tmdb.org/t/p/w600_and_h900_bestv2/d5NXSklXo0qyIYkgV94XAgMIckC.jpg",
                 "media":{"media_type":"%s","tmdbId":"%s","tvdbId":"%s","status":"%s","status4k":"UNKNOWN"},
                 "request":{"request_id":"%s","requestedBy_email":"anna@example.org","requestedBy_username":"anna","requestedBy_avatar":""},
                 "issue":null,"comment":null,"extra":[]}""".formatted(type, mediaType, tmdbId, tvdbId, status, requestId);
    }

    @Test
    void a_default_payload_names_the_title_the_request_and_the_news() {
        WebhookEvent event = format.read(notification("MEDIA_AVAILABLE", "movie", "438631", "", "AVAILABLE", "41"));
        assertThat(event).isInstanceOfSatisfying(WebhookEvent.PortalNews.class, news -> {
            assertThat(news.news()).isEqualTo(WebhookEvent.Portal.AVAILABLE);
            assertThat(news.requestId()).contains(41);
            assertThat(news.title().type()).isEqualTo(TitleType.MOVIE);
            assertThat(news.title().ids()).containsExactly(ExternalId.tmdb(438631));
        });
        assertThat(format.read(notification("MEDIA_AVAILABLE", "tv", "95396", "371980", "PARTIALLY_AVAILABLE", "42")))
                .isInstanceOfSatisfying(WebhookEvent.PortalNews.class, news -> {
                    assertThat(news.news()).isEqualTo(WebhookEvent.Portal.PARTIALLY_AVAILABLE);
                    assertThat(news.title().ids()).containsExactlyInAnyOrder(ExternalId.tmdb(95396), ExternalId.tvdb(371980));
                });
        assertThat(((WebhookEvent.PortalNews) format.read(notification("MEDIA_AUTO_APPROVED", "movie", "438631", "", "PROCESSING", "")))
                .requestId()).isEqualTo(Optional.empty());
    }

    @Test
    void tests_and_other_notifications_are_told_apart_from_news() {
        assertThat(format.read("{\"notification_type\":\"TEST_NOTIFICATION\",\"subject\":\"Test Notification\",\"media\":null}"))
                .isInstanceOf(WebhookEvent.Test.class);
        assertThat(format.read("{\"notification_type\":\"ISSUE_CREATED\",\"issue\":{\"issue_id\":\"3\"}}"))
                .isInstanceOf(WebhookEvent.Ignored.class);
    }

    @Test
    void malformed_calls_are_refused() {
        assertThatThrownBy(() -> format.read("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> format.read("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> format.read("{\"notification_type\":\"MEDIA_APPROVED\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> format.read(notification("MEDIA_APPROVED", "music", "1", "", "", ""))).isInstanceOf(IllegalArgumentException.class);
    }
}
