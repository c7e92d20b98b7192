package dev.medianest.channels.web;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the stylesheet, scripts and icons from the jar, read once into memory. Jetty's own
 * classpath resource handler would mount the whole 30 MB jar as a zip file system several times
 * and keep its index on the heap (about 28 MB idle, measured by bench/run): too much for the
 * Raspberry Pi budget, for a handful of small files.
 */
final class StaticAssets {

    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern WEBJAR_PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*){1,6}");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2");

    private record Asset(byte[] bytes, String type, String etag) {
    }

    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    /** {@code /assets/{file}}: files of src/main/resources/static. */
    void asset(Context ctx) {
        String name = ctx.pathParam("file");
        serve(ctx, FILE_NAME.matcher(name).matches() ? "/static/" + name : null);
    }

    /** {@code /webjars/<path>}: front-end libraries packaged as Maven webjars (htmx). */
    void webjar(Context ctx) {
        String path = ctx.pathParam("path");
        serve(ctx, WEBJAR_PATH.matcher(path).matches() && !path.contains("..") ? "/META-INF/resources/webjars/" + path : null);
    }

    private void serve(Context ctx, String resource) {
        Optional<Asset> asset = resource == null ? Optional.empty() : cache.computeIfAbsent(resource, StaticAssets::load);
        if (asset.isEmpty()) {
            ctx.status(404).result("");
            return;
        }
        Asset found = asset.get();
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.header("ETag", found.etag());
        if (found.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(found.type()).result(found.bytes());
    }

    private static Optional<Asset> load(String resource) {
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
            return Optional.of(new Asset(bytes, type, etag));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
