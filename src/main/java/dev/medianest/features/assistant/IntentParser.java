package dev.medianest.features.assistant;

import dev.medianest.platform.i18n.Language;

/** Placeholder until the offline parser lands: understands nothing. */
public final class IntentParser {

    public Understanding understand(String message) {
        return Understanding.unknown(message != null && message.codePoints().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC)
                ? Language.RU : Language.EN);
    }
}
