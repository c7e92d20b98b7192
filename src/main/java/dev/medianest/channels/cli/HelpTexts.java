package dev.medianest.channels.cli;

import dev.medianest.platform.i18n.Messages;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * A command's {@code --help} in the terminal's language: picocli's resource keys
 * ({@code usage.description}, an option's description key) read from the {@code cli} bundle as
 * {@code cli.<command>.help.<key>}, else the shared {@code cli.help.<key>}.
 */
final class HelpTexts extends ResourceBundle {

    private static final String SHARED = "cli.help.";

    private final Messages.Texts texts;
    private final String own;

    HelpTexts(Messages.Texts texts, String command) {
        this.texts = texts;
        this.own = "cli." + command + ".help.";
    }

    @Override
    protected Object handleGetObject(String key) {
        if (texts.has(own + key)) {
            return texts.get(own + key);
        }
        return texts.has(SHARED + key) ? texts.get(SHARED + key) : null;
    }

    @Override
    public Enumeration<String> getKeys() {
        return Collections.enumeration(handleKeySet());
    }

    @Override
    protected Set<String> handleKeySet() {
        Set<String> keys = new LinkedHashSet<>();
        for (ResourceBundle bundle : texts.bundles()) {
            for (String key : bundle.keySet()) {
                if (key.startsWith(own)) {
                    keys.add(key.substring(own.length()));
                } else if (key.startsWith(SHARED)) {
                    keys.add(key.substring(SHARED.length()));
                }
            }
        }
        return keys;
    }
}
