package dev.medianest.features.requests;

import dev.medianest.features.services.ServiceKind;

/**
 * Reads the JSON body that one kind of service posts to its webhook into a {@link WebhookEvent}.
 * Implemented by the integrations (Radarr, Sonarr, Seerr), each citing where upstream defines its
 * payload; unknown fields are accepted and unknown event types become {@link WebhookEvent.Ignored}.
 */
public interface WebhookFormat {

    ServiceKind kind();

    /**
     * The event in the body.
     *
     * @throws IllegalArgumentException when the body is not JSON, or lacks what its event type needs
     */
    WebhookEvent read(String body);
}
