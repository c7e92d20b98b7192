package dev.medianest.features.accounts;

import java.time.Instant;

/** A signed-in browser as its owner sees it in the profile's session list. The id is not the cookie. */
public record BrowserSession(String id, long userId, boolean remember, Instant createdAt, Instant lastSeenAt,
                             Instant expiresAt, String userAgent, String ipAddress) {
}
