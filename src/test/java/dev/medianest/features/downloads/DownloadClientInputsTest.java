package dev.medianest.features.downloads;

import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks every add request and torrent passes before any download client sees them. */
class DownloadClientInputsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void the_info_hash_is_the_sha1_of_the_info_dictionary_as_written() {
        // SHA-1 of "d4:name1:xe", checked with sha1sum.
        assertThat(Bencode.infoHash(bytes("d8:announce0:4:infod4:name1:xee"))).contains("c06fadd1439dd2d619fec4538d69a54e614bb831");
    }

    @Test
    void anything_but_one_dictionary_with_an_info_dictionary_is_refused() {
        for (String text : new String[]{"", "de", "d4:infoi1ee", "d4:infod4:name1:xe", "d4:infod4:name1:xeeX", "i1e",
                "d4:infod4:name99:xee", "d4:infod4:namei01eee", "d" + "l".repeat(100) + "e".repeat(100) + "e"}) {
            assertThat(Bencode.infoHash(bytes(text))).as(text).isEmpty();
        }
    }

    @Test
    void magnets_need_an_info_hash_topic() {
        assertThat(new AddTorrent.Magnet("magnet:?dn=x&xt=urn:btih:ABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD").knownHash())
                .contains("abcdefabcdefabcdefabcdefabcdefabcdefabcd");
        assertThat(new AddTorrent.Magnet("magnet:?xt=urn:btih:MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U").knownHash()).isEmpty();
        for (String bad : new String[]{"magnet:?dn=only-a-name", "magnet:?xt=urn:btih:abc", "magnet:?xt=urn:btih:"
                + "a".repeat(40) + " x", "https://example.org/a.torrent"}) {
            assertThatThrownBy(() -> new AddTorrent.Magnet(bad)).as(bad).isInstanceOfSatisfying(AppException.class,
                    e -> assertThat(e.details()).containsEntry("magnet", "validation.download.magnet"));
        }
    }

    @Test
    void urls_must_be_http_and_paths_absolute() {
        assertThatThrownBy(() -> new AddTorrent.Url(URI.create("ftp://example.org/a.torrent"))).isInstanceOf(AppException.class);
        AddTorrent.Url url = new AddTorrent.Url(URI.create("https://example.org/a.torrent"));
        assertThat(new AddTorrent(url, Optional.of("  movies "), Optional.of("D:\\Downloads"), false).category()).contains("movies");
        assertThat(new AddTorrent(url, Optional.of(" "), Optional.empty(), false).category()).isEmpty();
        assertThatThrownBy(() -> new AddTorrent(url, Optional.of("a\\b"), Optional.of("downloads"), false))
                .isInstanceOfSatisfying(AppException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.details()).containsOnlyKeys("category", "savePath");
                });
    }

    @Test
    void a_torrent_keeps_its_numbers_in_range() {
        assertThatThrownBy(() -> new Torrent("a".repeat(40), "x", TorrentState.SEEDING, 1.5, 0, 0, 0, 0, Optional.empty(), 0, 0, 0,
                Optional.empty(), "/", Instant.EPOCH, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Torrent("A".repeat(40), "x", TorrentState.SEEDING, 1, 0, 0, 0, 0, Optional.empty(), 0, 0, 0,
                Optional.empty(), "/", Instant.EPOCH, Optional.empty()).hash()).isEqualTo("a".repeat(40));
    }
}
