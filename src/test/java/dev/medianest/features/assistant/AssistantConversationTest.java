package dev.medianest.features.assistant;

import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.platform.i18n.Language;
import dev.medianest.testing.Await;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeTmdb;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.Requesters;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline assistant end to end: the parser, the conversation and the tools against the
 * spec-held TMDb and *arr fakes — numbered choices, confirmations, references back, Russian
 * inflections, and a pending confirmation that outlives a restart.
 */
class AssistantConversationTest {

    @TempDir
    static Path dataDir;
    static DiscoverStack stack;
    static Principal admin;

    @BeforeAll
    static void start() {
        stack = new DiscoverStack(dataDir);
        admin = Requesters.admin(stack.app.app());
        stack.configureUltraHdRadarr();
    }

    @AfterAll
    static void stop() {
        stack.closeAfterCheckingSpecs();
    }

    private static Principal member(String name) {
        return Requesters.member(stack.app.app(), admin, name, EnumSet.of(Permission.REQUEST, Permission.REQUEST_4K, Permission.ASSISTANT));
    }

    /** A member whose requests skip approval, so a yes reaches Radarr at once. */
    private static Principal trusted(dev.medianest.App app, Principal by, String name) {
        return Requesters.member(app, by, name, EnumSet.of(Permission.REQUEST, Permission.REQUEST_4K, Permission.AUTO_APPROVE, Permission.ASSISTANT));
    }

    private static ChatReply say(Principal who, String message) {
        return stack.app.app().assistant().send(who, Language.EN, message, ReplyStream.NONE);
    }

    @Test
    void an_inflected_russian_title_is_found_confirmed_and_requested_in_4k() throws InterruptedException {
        Principal nina = trusted(stack.app.app(), admin, "nina");
        int before = stack.radarr4k.added().size();
        ChatReply question = say(nina, "скачай Дюну в 4К");
        assertThat(question.text()).contains("Дюна").contains("2021").contains("4K").endsWith("?");
        assertThat(question.choices()).extracting(ReplyChoice::message).containsExactly("Да", "Нет");
        assertThat(stack.radarr4k.added()).as("nothing is requested before the yes").hasSize(before);

        ChatReply done = say(nina, "да");
        assertThat(done.text()).containsPattern("[Зз]апрош");
        Await.until(stack.radarr4k::added, added -> added.size() > before);
        assertThat(stack.radarr4k.added().getLast().path("tmdbId").asInt()).isEqualTo(FakeTmdb.DUNE);
        assertThat(stack.radarr.added()).extracting(node -> node.path("tmdbId").asInt()).doesNotContain(FakeTmdb.DUNE);
    }

    @Test
    void a_search_offers_numbered_choices_and_a_number_then_that_one_follow() {
        Principal oleg = member("oleg");
        ChatReply found = say(oleg, "search for Dune");
        assertThat(found.text()).contains("1. Dune (2021)").contains("2. Dune: Part Two (2024)");
        assertThat(found.choices()).extracting(ReplyChoice::message).startsWith("1", "2");

        ChatReply details = say(oleg, "2");
        assertThat(details.text()).contains("Dune: Part Two");
        assertThat(details.cards()).extracting(ToolCard::link).anySatisfy(link -> assertThat(link).contains("/title/movie/" + FakeTmdb.DUNE_PART_TWO));

        ChatReply already = say(oleg, "download it in 4K");
        assertThat(already.text()).as("'it' is the title picked last, which the 4K library has").contains("Dune: Part Two").contains("4K");
    }

    @Test
    void a_choice_out_of_range_and_a_stray_yes_are_answered_plainly() {
        Principal pavel = member("pavel");
        assertThat(say(pavel, "yes").text()).contains("nothing waiting");
        say(pavel, "search for Dune");
        assertThat(say(pavel, "7").text()).contains("no choice 7").contains("from 1 to");
    }

    @Test
    void declining_a_confirmation_does_nothing_and_a_new_message_drops_it() {
        Principal rita = member("rita");
        int before = stack.radarr4k.added().size();
        say(rita, "grab Dune in 4K");
        assertThat(say(rita, "no").text()).contains("did nothing");
        say(rita, "grab Dune in 4K");
        say(rita, "are my services up?");
        assertThat(say(rita, "yes").text()).as("the old question is gone").contains("nothing waiting");
        assertThat(stack.radarr4k.added()).hasSize(before);
    }

    @Test
    void cancelling_a_request_asks_first_and_then_cancels_it() {
        Principal sasha = member("sasha");
        say(sasha, "add the series Fargo season 2");
        ChatReply requested = say(sasha, "yes");
        assertThat(requested.text()).contains("Fargo");
        ChatReply question = say(sasha, "cancel Fargo");
        assertThat(question.text()).contains("Fargo").endsWith("?");
        ChatReply cancelled = say(sasha, "yes");
        assertThat(cancelled.text()).contains("Fargo");
        assertThat(stack.app.app().requests().list(sasha, dev.medianest.features.requests.RequestFilter.everything()).requests())
                .allSatisfy(request -> assertThat(request.state()).isEqualTo(dev.medianest.features.requests.RequestState.CANCELLED));
    }

    @Test
    void the_reply_streams_its_text_and_cards_as_it_goes() {
        Principal tom = member("tom");
        List<String> pieces = new ArrayList<>();
        List<ToolCard> cards = new ArrayList<>();
        ChatReply reply = stack.app.app().assistant().send(tom, Language.EN, "search for Fargo", new ReplyStream() {
            @Override
            public void text(String piece) {
                pieces.add(piece);
            }

            @Override
            public void card(ToolCard card) {
                cards.add(card);
            }
        });
        assertThat(String.join("", pieces)).isEqualTo(reply.text());
        assertThat(reply.mode()).isEqualTo(ChatReply.Mode.OFFLINE);
    }

    @Test
    void a_pending_confirmation_survives_a_restart() throws InterruptedException {
        Path ownData = dataDir.resolve("restart");
        Map<String, String> environment = Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000");
        int before = stack.radarr.added().size();
        try (TestApp first = TestApp.start(ownData, environment, MutableClock.startingNow())) {
            Principal firstAdmin = Requesters.admin(first.app());
            DiscoverStack.readyToSend(first.app(), stack.connect(first.app())[0]);
            Principal uma = trusted(first.app(), firstAdmin, "uma");
            assertThat(first.app().assistant().send(uma, Language.EN, "download Dune: Part Two", ReplyStream.NONE).text())
                    .contains("Dune: Part Two").endsWith("?");
        }
        try (TestApp second = TestApp.start(ownData, environment, MutableClock.startingNow())) {
            Principal uma = Requesters.principal(second.app().accounts().findByUsername("uma").orElseThrow());
            ChatReply done = second.app().assistant().send(uma, Language.EN, "yes", ReplyStream.NONE);
            assertThat(done.text()).contains("Dune: Part Two");
            Await.until(stack.radarr::added, added -> added.size() > before);
        }
    }
}
