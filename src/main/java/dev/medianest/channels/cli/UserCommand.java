package dev.medianest.channels.cli;

import dev.medianest.App;
import dev.medianest.StartupException;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.features.accounts.User;
import dev.medianest.features.accounts.UserChanges;
import dev.medianest.platform.config.ConfigException;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code medianest user}: account administration from the server's shell, on the local database,
 * for scripted setups and for getting back in when every admin password is lost.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage accounts in the local database (admin recovery).")
final class UserCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Shared steps: open the app on the configured database, run, report problems. */
    abstract static class AccountsCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        final Console console;

        AccountsCommand(Console console) {
            this.console = console;
        }

        @Override
        public final Integer call() {
            App app;
            try {
                app = App.assemble(console.loadSettings(RootOptions.configFile(spec)), Clock.systemUTC());
            } catch (ConfigException problems) {
                console.printProblems(problems);
                return Console.INVALID_INPUT;
            } catch (StartupException failure) {
                console.err.println(console.texts.get(failure.messageKey(), failure.args()));
                console.err.flush();
                return Console.INVALID_INPUT;
            }
            try (app) {
                return run(app);
            } catch (AppException invalid) {
                console.printInvalid(invalid);
                return Console.INVALID_INPUT;
            } finally {
                console.out.flush();
                console.err.flush();
            }
        }

        abstract int run(App app);

        User find(Accounts accounts, String username) {
            return accounts.findByUsername(username).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND, Map.of("username", "cli.user.not_found"), username));
        }

        String passwordFromStdinOrGenerated(App app, boolean fromStdin) {
            if (!fromStdin) {
                String generated = app.tokens().newPassword(20);
                console.out.println(console.texts.get("cli.user.generated_password", generated));
                return generated;
            }
            try {
                String line = console.in.readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every account: id, user name, role, status.")
    static final class ListUsers extends AccountsCommand {
        ListUsers(Console console) {
            super(console);
        }

        @Override
        int run(App app) {
            console.out.println(console.texts.get("cli.user.list_header"));
            for (User user : app.accounts().list()) {
                String status = user.disabled() ? "disabled" : user.mustChangePassword() ? "must-change-password" : "active";
                console.out.println(user.id() + "\t" + user.username() + "\t" + user.role() + "\t" + status + "\t" + user.displayName());
            }
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an account. Without --password-stdin a password is generated and printed once.",
                    "The user must change the password at first sign-in."})
    static final class Create extends AccountsCommand {
        @Parameters(index = "0", paramLabel = "USERNAME", description = "2-32 letters, digits, dots, dashes or underscores.")
        String username;

        @Option(names = "--display-name", paramLabel = "NAME", description = "Name shown in the interface (default: the user name).")
        String displayName;

        @Option(names = "--role", paramLabel = "ROLE", defaultValue = "USER", description = "ADMIN or USER (default: ${DEFAULT-VALUE}).")
        Role role;

        @Option(names = "--permissions", split = ",", paramLabel = "LIST",
                description = "Comma-separated: request, request_4k, auto_approve, manage_requests, youtube, assistant "
                        + "(default: request,assistant).")
        List<String> permissions;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordFromStdin;

        Create(Console console) {
            super(console);
        }

        @Override
        int run(App app) {
            Set<Permission> granted = null;
            if (permissions != null) {
                granted = EnumSet.noneOf(Permission.class);
                for (String name : permissions) {
                    granted.add(Permission.fromWireName(name).orElseThrow(() -> AppException.invalid("permissions", "validation.permission")));
                }
            }
            NewUser check = new NewUser(username, displayName, "placeholder-password-checked-below", role, granted, true, Optional.empty());
            String password = passwordFromStdinOrGenerated(app, passwordFromStdin);
            User user = app.accounts().create(Accounts.CONSOLE, new NewUser(check.username(), check.displayName(), password, role,
                    check.permissions(), true, Optional.empty()));
            console.out.println(console.texts.get("cli.user.created", user.username(), user.role().name()));
            return 0;
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = {"Set a new password for an account and sign out its sessions.",
                    "Without --password-stdin a password is generated and printed once."})
    static final class ResetPassword extends AccountsCommand {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordFromStdin;

        @Option(names = "--must-change", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Require a new password at next sign-in (default: true; --no-must-change to keep it).")
        boolean mustChange;

        ResetPassword(Console console) {
            super(console);
        }

        @Override
        int run(App app) {
            User user = find(app.accounts(), username);
            String password = passwordFromStdinOrGenerated(app, passwordFromStdin);
            app.accounts().resetPassword(Accounts.CONSOLE, user.id(), password, mustChange);
            console.out.println(console.texts.get("cli.user.password_reset", user.username()));
            return 0;
        }
    }

    @Command(name = "set-role", mixinStandardHelpOptions = true, description = "Make an account ADMIN or USER.")
    static final class SetRole extends AccountsCommand {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Parameters(index = "1", paramLabel = "ROLE", description = "ADMIN or USER.")
        Role role;

        SetRole(Console console) {
            super(console);
        }

        @Override
        int run(App app) {
            User user = find(app.accounts(), username);
            app.accounts().update(Accounts.CONSOLE, user.id(),
                    new UserChanges(Optional.empty(), Optional.of(role), Optional.empty(), Optional.empty()));
            console.out.println(console.texts.get("cli.user.role_set", user.username(), role.name()));
            return 0;
        }
    }
}
