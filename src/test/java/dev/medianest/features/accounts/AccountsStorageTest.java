package dev.medianest.features.accounts;

import dev.medianest.platform.crypto.PasswordHasher;
import dev.medianest.platform.crypto.SecureTokens;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Language;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounts, sessions and tokens on a real SQLite file and a real PostgreSQL server. */
class AccountsStorageTest {

    private static final String PASSWORD = "a long enough password";

    @TempDir
    Path dataDir;

    private Database database;
    private MutableClock clock;
    private Accounts accounts;
    private Sessions sessions;
    private ApiTokens tokens;
    private SignIn signIn;

    static Stream<Named<Function<Path, Database>>> databases() {
        return Stream.of(
                Named.of("SQLite", dir -> Database.openSqlite("jdbc:sqlite:" + dir.resolve("medianest.db"), 2)),
                Named.of("PostgreSQL", dir -> Database.openPostgres(TestPostgres.newDatabase(), "postgres", "postgres", 4)));
    }

    private void open(Function<Path, Database> opener) {
        database = opener.apply(dataDir);
        database.migrate();
        clock = MutableClock.startingNow();
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT_COST);
        SecureTokens secureTokens = new SecureTokens();
        sessions = new Sessions(database, secureTokens, clock, Duration.ofHours(24), Duration.ofDays(90));
        accounts = new Accounts(database, hasher, sessions, clock, dataDir);
        tokens = new ApiTokens(database, secureTokens, clock);
        signIn = new SignIn(database, hasher, new SignInThrottle(clock, 5), sessions);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private User user(String username, Role role) {
        return accounts.create(Accounts.CONSOLE, new NewUser(username, null, PASSWORD, role, null, false, Optional.empty()));
    }

    /** Who a freshly started session acts as. */
    private Principal principalOf(Sessions.Started session) {
        return ((Lookup.Active) sessions.lookup(session.cookieValue())).principal();
    }

    private static ErrorCode codeOf(Runnable action) {
        try {
            action.run();
        } catch (AppException e) {
            return e.code();
        }
        throw new AssertionError("expected a refusal");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_created_user_reads_back_with_every_field(Function<Path, Database> opener) {
        open(opener);
        User created = accounts.create(Accounts.CONSOLE, new NewUser("Masha", "Маша Иванова", PASSWORD, Role.USER,
                EnumSet.of(Permission.REQUEST, Permission.YOUTUBE), true, Optional.of(Language.RU)));
        User read = accounts.get(created.id());
        assertThat(read.username()).isEqualTo("Masha");
        assertThat(read.displayName()).isEqualTo("Маша Иванова");
        assertThat(read.role()).isEqualTo(Role.USER);
        assertThat(read.permissions()).containsExactlyInAnyOrder(Permission.REQUEST, Permission.YOUTUBE);
        assertThat(read.mustChangePassword()).isTrue();
        assertThat(read.language()).contains(Language.RU);
        assertThat(read.createdAt()).isEqualTo(clock.instant());
        assertThat(accounts.findByUsername("masha")).contains(read);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void usernames_are_unique_without_regard_to_case(Function<Path, Database> opener) {
        open(opener);
        user("Alice", Role.USER);
        assertThat(codeOf(() -> user("alice", Role.USER))).isEqualTo(ErrorCode.USERNAME_TAKEN);
        assertThat(codeOf(() -> user("ALICE", Role.ADMIN))).isEqualTo(ErrorCode.USERNAME_TAKEN);
        assertThat(accounts.list()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void two_simultaneous_creations_of_one_name_make_one_account(Function<Path, Database> opener) throws Exception {
        open(opener);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Callable<Boolean>> attempts = Stream.of("bob", "Bob", "BOB", "bOb").<Callable<Boolean>>map(name -> () -> {
                try {
                    user(name, Role.USER);
                    return true;
                } catch (AppException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.USERNAME_TAKEN);
                    return false;
                }
            }).toList();
            long created = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                created += result.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        }
        assertThat(accounts.list()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sql_meta_characters_in_display_names_are_stored_verbatim(Function<Path, Database> opener) {
        open(opener);
        String hostile = "Robert'); DROP TABLE users;-- \"%_\\";
        User created = accounts.create(Accounts.CONSOLE, new NewUser("robert", hostile, PASSWORD, Role.USER, null, false, Optional.empty()));
        assertThat(accounts.get(created.id()).displayName()).isEqualTo(hostile);
        assertThat(accounts.list()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void invalid_names_are_refused_before_anything_is_written(Function<Path, Database> opener) {
        open(opener);
        for (String username : List.of("", " ", "a", "x".repeat(33), "bob'--", "bob smith", "bob\u0000", "-bob", "bob\u202Eevil")) {
            assertThatThrownBy(() -> user(username, Role.USER)).as(username)
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.details()).containsKey("username"));
        }
        assertThatThrownBy(() -> new NewUser("carol", "Carol\u0007", PASSWORD, Role.USER, null, false, Optional.empty()))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.details()).containsEntry("displayName", "validation.control_characters"));
        assertThatThrownBy(() -> new NewUser("carol", "c".repeat(65), PASSWORD, Role.USER, null, false, Optional.empty()))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.details()).containsKey("displayName"));
        assertThatThrownBy(() -> new NewUser("carol", null, "short", Role.USER, null, false, Optional.empty()))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.details()).containsEntry("password", "validation.password.length"));
        assertThatThrownBy(() -> new NewUser("carol", null, "carol", Role.USER, null, false, Optional.empty()))
                .isInstanceOf(AppException.class);
        assertThatThrownBy(() -> new NewUser("carolcarol", null, "CarolCarol", Role.USER, null, false, Optional.empty()))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.details()).containsEntry("password", "validation.password.same_as_username"));
        assertThat(accounts.count()).isZero();
        assertThat(user("Ёжик_1.2-3", Role.USER).username()).isEqualTo("Ёжик_1.2-3");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_last_enabled_admin_cannot_be_demoted_disabled_or_deleted(Function<Path, Database> opener) {
        open(opener);
        User admin = user("root", Role.ADMIN);
        User other = user("helper", Role.USER);
        UserChanges demote = new UserChanges(Optional.empty(), Optional.of(Role.USER), Optional.empty(), Optional.empty());
        UserChanges disable = new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true));
        assertThat(codeOf(() -> accounts.update(other.id(), admin.id(), demote))).isEqualTo(ErrorCode.LAST_ADMIN);
        assertThat(codeOf(() -> accounts.update(other.id(), admin.id(), disable))).isEqualTo(ErrorCode.LAST_ADMIN);
        assertThat(codeOf(() -> accounts.delete(other.id(), admin.id()))).isEqualTo(ErrorCode.LAST_ADMIN);
        assertThat(accounts.get(admin.id()).isAdmin()).isTrue();

        accounts.update(Accounts.CONSOLE, other.id(), new UserChanges(Optional.empty(), Optional.of(Role.ADMIN), Optional.empty(), Optional.empty()));
        accounts.update(other.id(), admin.id(), demote);
        assertThat(accounts.get(admin.id()).isAdmin()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_admin_cannot_lock_themselves_out(Function<Path, Database> opener) {
        open(opener);
        User first = user("first", Role.ADMIN);
        user("second", Role.ADMIN);
        assertThat(codeOf(() -> accounts.delete(first.id(), first.id()))).isEqualTo(ErrorCode.SELF_LOCKOUT);
        assertThat(codeOf(() -> accounts.update(first.id(), first.id(),
                new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true))))).isEqualTo(ErrorCode.SELF_LOCKOUT);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deleting_a_user_removes_their_sessions_and_tokens(Function<Path, Database> opener) {
        open(opener);
        User admin = user("root", Role.ADMIN);
        User alice = user("alice", Role.USER);
        Sessions.Started session = signIn.attempt("alice", PASSWORD, false, "127.0.0.1", "test");
        Principal principal = principalOf(session);
        ApiToken.Issued token = tokens.issue(principal, new TokenRequest("script", Optional.empty(), false, Optional.empty()));
        accounts.delete(admin.id(), alice.id());
        assertThat(sessions.lookup(session.cookieValue())).isInstanceOf(Lookup.Unknown.class);
        assertThat(tokens.lookup(token.secret())).isInstanceOf(Lookup.Unknown.class);
        assertThat(database.<Integer>read(h -> h.createQuery("SELECT COUNT(*) FROM sessions").mapTo(Integer.class).one()).intValue()).isZero();
        assertThat(database.<Integer>read(h -> h.createQuery("SELECT COUNT(*) FROM api_tokens").mapTo(Integer.class).one()).intValue()).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_plain_session_ends_after_a_day_idle_and_use_extends_it(Function<Path, Database> opener) {
        open(opener);
        user("alice", Role.USER);
        Sessions.Started session = signIn.attempt("alice", PASSWORD, false, "127.0.0.1", "test");
        clock.advance(Duration.ofHours(23));
        assertThat(sessions.lookup(session.cookieValue())).isInstanceOf(Lookup.Active.class);
        clock.advance(Duration.ofHours(23));
        assertThat(sessions.lookup(session.cookieValue())).as("used an hour before it would have ended").isInstanceOf(Lookup.Active.class);
        clock.advance(Duration.ofHours(24));
        assertThat(sessions.lookup(session.cookieValue())).isInstanceOf(Lookup.Expired.class);
        assertThat(sessions.lookup(session.cookieValue())).as("an expired session is deleted").isInstanceOf(Lookup.Unknown.class);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_remembered_session_lasts_ninety_days_idle(Function<Path, Database> opener) {
        open(opener);
        user("alice", Role.USER);
        Sessions.Started session = signIn.attempt("alice", PASSWORD, true, "127.0.0.1", "test");
        assertThat(session.session().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        clock.advance(Duration.ofDays(89));
        assertThat(sessions.lookup(session.cookieValue())).isInstanceOf(Lookup.Active.class);
        clock.advance(Duration.ofDays(91));
        assertThat(sessions.lookup(session.cookieValue())).isInstanceOf(Lookup.Expired.class);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_person_lists_and_revokes_their_own_sessions_only(Function<Path, Database> opener) {
        open(opener);
        User alice = user("alice", Role.USER);
        User bob = user("bob", Role.USER);
        Sessions.Started phone = signIn.attempt("alice", PASSWORD, false, "10.0.0.2", "Phone");
        Sessions.Started laptop = signIn.attempt("alice", PASSWORD, true, "10.0.0.3", "Laptop");
        assertThat(sessions.list(alice.id())).extracting(BrowserSession::userAgent).containsExactlyInAnyOrder("Phone", "Laptop");
        assertThat(sessions.revoke(bob.id(), phone.session().id())).isFalse();
        assertThat(sessions.revoke(alice.id(), phone.session().id())).isTrue();
        assertThat(sessions.lookup(phone.cookieValue())).isInstanceOf(Lookup.Unknown.class);
        assertThat(sessions.lookup(laptop.cookieValue())).isInstanceOf(Lookup.Active.class);
        sessions.end(laptop.cookieValue());
        assertThat(sessions.lookup(laptop.cookieValue())).isInstanceOf(Lookup.Unknown.class);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void changing_ones_password_ends_every_other_session(Function<Path, Database> opener) {
        open(opener);
        User alice = user("alice", Role.USER);
        Sessions.Started here = signIn.attempt("alice", PASSWORD, false, "10.0.0.2", "here");
        Sessions.Started elsewhere = signIn.attempt("alice", PASSWORD, false, "10.0.0.3", "elsewhere");
        assertThat(codeOf(() -> accounts.changeOwnPassword(alice.id(), "not my password", "a brand new password",
                Optional.of(here.session().id())))).isEqualTo(ErrorCode.WRONG_CURRENT_PASSWORD);
        accounts.changeOwnPassword(alice.id(), PASSWORD, "a brand new password", Optional.of(here.session().id()));
        assertThat(sessions.lookup(here.cookieValue())).isInstanceOf(Lookup.Active.class);
        assertThat(sessions.lookup(elsewhere.cookieValue())).isInstanceOf(Lookup.Unknown.class);
        assertThat(codeOf(() -> signIn.attempt("alice", PASSWORD, false, "10.0.0.2", "x"))).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(signIn.attempt("alice", "a brand new password", false, "10.0.0.2", "x").cookieValue()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_disabled_account_cannot_sign_in_and_its_credentials_stop_working(Function<Path, Database> opener) {
        open(opener);
        User admin = user("root", Role.ADMIN);
        User alice = user("alice", Role.USER);
        Sessions.Started session = signIn.attempt("alice", PASSWORD, false, "10.0.0.2", "x");
        ApiToken.Issued token = tokens.issue(principalOf(session),
                new TokenRequest("script", Optional.empty(), false, Optional.empty()));
        accounts.update(admin.id(), alice.id(), new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true)));
        assertThat(sessions.lookup(session.cookieValue())).isInstanceOf(Lookup.Unknown.class);
        assertThat(tokens.lookup(token.secret())).isInstanceOf(Lookup.Disabled.class);
        assertThat(codeOf(() -> signIn.attempt("alice", PASSWORD, false, "10.0.0.2", "x"))).isEqualTo(ErrorCode.ACCOUNT_DISABLED);
        assertThat(codeOf(() -> signIn.attempt("alice", "wrong password", false, "10.0.0.2", "x")))
                .as("a wrong password does not reveal the account is disabled").isEqualTo(ErrorCode.INVALID_CREDENTIALS);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tokens_are_stored_only_as_digests(Function<Path, Database> opener) {
        open(opener);
        user("alice", Role.USER);
        Sessions.Started session = signIn.attempt("alice", PASSWORD, false, "10.0.0.2", "x");
        ApiToken.Issued token = tokens.issue(principalOf(session),
                new TokenRequest("script", Optional.empty(), false, Optional.empty()));
        assertThat(token.secret()).startsWith("mnt_").hasSizeGreaterThan(40);
        List<String> stored = database.read(h -> h.createQuery("SELECT token_hash || token_prefix || name FROM api_tokens").mapTo(String.class).list());
        assertThat(stored).singleElement().asString().doesNotContain(token.secret());
        List<String> storedSessions = database.read(h -> h.createQuery("SELECT token_hash FROM sessions").mapTo(String.class).list());
        assertThat(storedSessions).singleElement().isNotEqualTo(session.cookieValue());
        assertThat(tokens.list(session.session().userId())).singleElement().satisfies(listed -> {
            assertThat(listed.prefix()).isEqualTo(token.secret().substring(0, 10));
            assertThat(listed.lastUsedAt()).isEmpty();
        });
        tokens.lookup(token.secret());
        assertThat(tokens.list(session.session().userId()).getFirst().lastUsedAt()).contains(clock.instant());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_token_acts_with_its_owners_current_rights_narrowed_to_its_scopes(Function<Path, Database> opener) {
        open(opener);
        User root = user("root", Role.ADMIN);
        User admin = user("deputy", Role.ADMIN);
        Principal deputy = principalOf(signIn.attempt("deputy", PASSWORD, false, "x", "x"));
        ApiToken.Issued narrow = tokens.issue(deputy, new TokenRequest("narrow", Optional.of(Set.of(Permission.REQUEST)), false, Optional.empty()));
        ApiToken.Issued full = tokens.issue(deputy, new TokenRequest("full", Optional.empty(), true, Optional.empty()));
        Principal viaNarrow = ((Lookup.Active) tokens.lookup(narrow.secret())).principal();
        assertThat(viaNarrow.admin()).isFalse();
        assertThat(viaNarrow.permissions()).containsExactly(Permission.REQUEST);
        assertThat(((Lookup.Active) tokens.lookup(full.secret())).principal().admin()).isTrue();

        accounts.update(root.id(), admin.id(), new UserChanges(Optional.empty(), Optional.of(Role.USER), Optional.of(Set.of()), Optional.empty()));
        Principal demoted = ((Lookup.Active) tokens.lookup(full.secret())).principal();
        assertThat(demoted.admin()).isFalse();
        assertThat(demoted.permissions()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_token_cannot_ask_for_more_than_its_owner_has_and_expires(Function<Path, Database> opener) {
        open(opener);
        user("alice", Role.USER);
        Principal alice = principalOf(signIn.attempt("alice", PASSWORD, false, "x", "x"));
        assertThat(codeOf(() -> tokens.issue(alice, new TokenRequest("x", Optional.of(Set.of(Permission.MANAGE_REQUESTS)), false, Optional.empty()))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> tokens.issue(alice, new TokenRequest("x", Optional.empty(), true, Optional.empty())))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> new TokenRequest("x", Optional.empty(), false, Optional.of(0))).isInstanceOf(AppException.class);
        assertThatThrownBy(() -> new TokenRequest(" ", Optional.empty(), false, Optional.empty())).isInstanceOf(AppException.class);
        ApiToken.Issued monthly = tokens.issue(alice, new TokenRequest("monthly", Optional.empty(), false, Optional.of(30)));
        clock.advance(Duration.ofDays(29));
        assertThat(tokens.lookup(monthly.secret())).isInstanceOf(Lookup.Active.class);
        clock.advance(Duration.ofDays(2));
        assertThat(tokens.lookup(monthly.secret())).isInstanceOf(Lookup.Expired.class);
        assertThat(tokens.revoke(alice.user().id(), monthly.token().id())).isTrue();
        assertThat(tokens.lookup(monthly.secret())).isInstanceOf(Lookup.Unknown.class);
        assertThat(tokens.lookup("mnt_forged")).isInstanceOf(Lookup.Unknown.class);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void failed_sign_ins_lock_the_name_out_for_growing_periods(Function<Path, Database> opener) {
        open(opener);
        user("alice", Role.USER);
        for (int i = 0; i < 4; i++) {
            assertThat(codeOf(() -> signIn.attempt("alice", "wrong", false, "10.0.0.9", "x"))).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        }
        assertThat(codeOf(() -> signIn.attempt("Alice", "wrong", false, "10.0.0.8", "x"))).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(codeOf(() -> signIn.attempt("alice", PASSWORD, false, "10.0.0.7", "x")))
                .as("even the right password waits out the lockout").isEqualTo(ErrorCode.SIGN_IN_LOCKED);
        clock.advance(Duration.ofSeconds(31));
        assertThat(codeOf(() -> signIn.attempt("alice", "wrong", false, "10.0.0.9", "x"))).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        clock.advance(Duration.ofSeconds(31));
        assertThat(codeOf(() -> signIn.attempt("alice", PASSWORD, false, "10.0.0.9", "x"))).as("second lockout is a minute").isEqualTo(ErrorCode.SIGN_IN_LOCKED);
        clock.advance(Duration.ofSeconds(30));
        assertThat(signIn.attempt("alice", PASSWORD, false, "10.0.0.9", "x").cookieValue()).isNotBlank();
        assertThat(codeOf(() -> signIn.attempt("alice", "wrong", false, "10.0.0.9", "x")))
                .as("a success clears the count").isEqualTo(ErrorCode.INVALID_CREDENTIALS);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void one_address_guessing_many_names_is_locked_out(Function<Path, Database> opener) {
        open(opener);
        for (int i = 0; i < 20; i++) {
            int n = i;
            assertThat(codeOf(() -> signIn.attempt("nobody" + n, "wrong", false, "10.6.6.6", "x"))).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        }
        assertThat(codeOf(() -> signIn.attempt("nobody99", "wrong", false, "10.6.6.6", "x"))).isEqualTo(ErrorCode.SIGN_IN_LOCKED);
        assertThat(codeOf(() -> signIn.attempt("nobody99", "wrong", false, "10.6.6.7", "x"))).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_first_start_creates_an_admin_with_a_one_time_password(Function<Path, Database> opener) throws Exception {
        open(opener);
        InitialAdmin initial = new InitialAdmin(accounts, new SecureTokens(), dataDir);
        InitialAdmin.Created created = initial.ensure(Optional.empty()).orElseThrow();
        String password = created.oneTimePassword().orElseThrow();
        Path file = dataDir.resolve(InitialAdmin.PASSWORD_FILE);
        assertThat(Files.readString(file).trim()).isEqualTo(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        User admin = accounts.findByUsername("admin").orElseThrow();
        assertThat(admin.isAdmin()).isTrue();
        assertThat(admin.mustChangePassword()).isTrue();
        assertThat(initial.ensure(Optional.empty())).as("only the first start").isEmpty();

        accounts.changeOwnPassword(admin.id(), password, "my own admin password", Optional.empty());
        assertThat(file).doesNotExist();
        assertThat(accounts.get(admin.id()).mustChangePassword()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_preset_admin_password_is_final(Function<Path, Database> opener) {
        open(opener);
        InitialAdmin.Created created = new InitialAdmin(accounts, new SecureTokens(), dataDir).ensure(Optional.of("preset admin secret")).orElseThrow();
        assertThat(created.oneTimePassword()).isEmpty();
        assertThat(dataDir.resolve(InitialAdmin.PASSWORD_FILE)).doesNotExist();
        assertThat(accounts.findByUsername("admin").orElseThrow().mustChangePassword()).isFalse();
        assertThat(signIn.attempt("admin", "preset admin secret", false, "x", "x").cookieValue()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_admin_reset_ends_sessions_and_can_force_a_change(Function<Path, Database> opener) {
        open(opener);
        User root = user("root", Role.ADMIN);
        User alice = user("alice", Role.USER);
        Sessions.Started session = signIn.attempt("alice", PASSWORD, false, "x", "x");
        accounts.resetPassword(root.id(), alice.id(), "temporary password 1", true);
        assertThat(sessions.lookup(session.cookieValue())).isInstanceOf(Lookup.Unknown.class);
        assertThat(accounts.get(alice.id()).mustChangePassword()).isTrue();
        assertThat(codeOf(() -> accounts.resetPassword(root.id(), alice.id(), "short", true))).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(codeOf(() -> accounts.get(9_999))).isEqualTo(ErrorCode.NOT_FOUND);
    }
}
