package dev.medianest.features.assistant;

import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.Discovery;
import dev.medianest.features.services.ServiceProblem;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Looks a title up as a person names it: each form of the words in turn ({@link TitleForms}: "Дюну"
 * is also tried as "Дюна") until one finds something of the wanted type and year, through the same
 * search the Discover page uses, in the caller's language.
 */
final class TitleSearch {

    private final Discovery discovery;

    TitleSearch(Discovery discovery) {
        this.discovery = discovery;
    }

    /**
     * What the search found.
     *
     * @param matchedForm the form that found the cards; empty when none found anything
     * @param answered    whether any source answered (false: every one failed, {@code problems} say why)
     */
    record Outcome(Optional<String> matchedForm, List<Discovery.Card> cards, List<ServiceProblem> problems, boolean answered) {
        Outcome {
            cards = List.copyOf(cards);
            problems = List.copyOf(problems);
        }
    }

    Outcome find(String words, Optional<TitleType> type, OptionalInt year, Locale language) {
        Outcome first = null;
        for (String form : TitleForms.candidates(words)) {
            Discovery.Found found = discovery.search(form, type, language);
            List<Discovery.Card> cards = found.cards().stream()
                    .filter(card -> type.isEmpty() || card.title().type() == type.get())
                    .filter(card -> year.isEmpty() || card.title().year().equals(year))
                    .toList();
            if (!cards.isEmpty()) {
                return new Outcome(Optional.of(form), cards, found.problems(), true);
            }
            if (first == null) {
                first = new Outcome(Optional.empty(), List.of(), found.problems(), found.answered());
            }
        }
        return first == null ? new Outcome(Optional.empty(), List.of(), List.of(), true) : first;
    }
}
