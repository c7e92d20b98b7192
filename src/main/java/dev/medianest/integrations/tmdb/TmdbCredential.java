package dev.medianest.integrations.tmdb;

import java.util.regex.Pattern;

/**
 * The two ways TMDb accepts a caller (TMDb's "Authentication" guide; tmdb-v3.openapi.json
 * declares only the header form): a v3 API key, sent as the {@code api_key} query parameter, or
 * a v4 API read access token, sent as {@code Authorization: Bearer}. Both are shown side by side
 * on TMDb's Settings › API page, so the one field takes either and the form of the text decides.
 */
public sealed interface TmdbCredential {

    /** v4 tokens are JWTs: three base64url parts joined by dots, the header starting "eyJ". */
    Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    String value();

    /** A v3 key (32 hex digits). It travels in the URL, so prefer the token where both are at hand. */
    record ApiKey(String value) implements TmdbCredential {
        public ApiKey {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("the API key is empty");
            }
        }

        @Override
        public String toString() {
            return "ApiKey[(hidden)]";
        }
    }

    record ReadAccessToken(String value) implements TmdbCredential {
        public ReadAccessToken {
            if (value == null || !JWT.matcher(value).matches()) {
                throw new IllegalArgumentException("a read access token is a JWT");
            }
        }

        @Override
        public String toString() {
            return "ReadAccessToken[(hidden)]";
        }
    }

    /** Whatever the admin pasted: a JWT is a read access token, anything else an API key. */
    static TmdbCredential of(String text) {
        String value = text == null ? "" : text.strip();
        if (value.startsWith("Bearer ")) {
            value = value.substring("Bearer ".length()).strip();
        }
        return JWT.matcher(value).matches() ? new ReadAccessToken(value) : new ApiKey(value);
    }
}
