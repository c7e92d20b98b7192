package dev.medianest.channels.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceNamesTest {

    @Test
    void common_browsers_are_named_with_their_system() {
        assertThat(DeviceNames.describe("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")).isEqualTo("Firefox · Linux");
        assertThat(DeviceNames.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0")).isEqualTo("Edge · Windows");
        assertThat(DeviceNames.describe("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.5 Mobile/15E148 Safari/604.1")).isEqualTo("Safari · iPhone");
        assertThat(DeviceNames.describe("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/126.0.0.0 Mobile Safari/537.36")).isEqualTo("Chrome · Android");
        assertThat(DeviceNames.describe("curl/8.5.0")).isEqualTo("curl");
    }

    @Test
    void unknown_agents_are_shown_shortened_and_missing_ones_as_a_dash() {
        assertThat(DeviceNames.describe(null)).isEqualTo("—");
        assertThat(DeviceNames.describe("x".repeat(100))).hasSize(60).endsWith("…");
        assertThat(DeviceNames.describe("HomeAssistant/2024.7")).isEqualTo("HomeAssistant/2024.7");
    }
}
