package dev.medianest.integrations.medianest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whom a token belongs to on a running MediaNest ({@code GET /api/v1/me}): asked first, so a
 * refused token is said at once rather than after the first message.
 *
 * @param managesRequests whether they see everyone's requests (admins and the {@code manage_requests} permission)
 */
public record TokenOwner(String username, String displayName, boolean admin, boolean managesRequests) {

    public static TokenOwner of(MediaNestClient client) {
        JsonNode me = client.get("/api/v1/me");
        boolean admin = "ADMIN".equals(me.path("role").asText());
        boolean manages = admin;
        for (JsonNode permission : me.path("effectivePermissions")) {
            manages |= "manage_requests".equals(permission.asText());
        }
        return new TokenOwner(me.path("username").asText(), me.path("displayName").asText(me.path("username").asText()), admin, manages);
    }
}
