package dev.medianest.channels.cli;

import dev.medianest.App;
import dev.medianest.BuildInfo;
import dev.medianest.StartupException;
import dev.medianest.features.accounts.InitialAdmin;
import dev.medianest.platform.config.ConfigException;
import dev.medianest.platform.config.Settings;
import dev.medianest.platform.logging.LogSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code medianest serve}: runs the server until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start MediaNest: the web pages, the JSON API under /api/v1, /health and /metrics.",
                "The first start creates the account 'admin' and prints its one-time password (or takes MEDIANEST_ADMIN_PASSWORD).",
                "Exits 2 when the configuration is invalid, the port is taken or the data directory cannot be written."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Console console;

    ServeCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Settings settings;
        try {
            settings = console.loadSettings(RootOptions.configFile(spec));
        } catch (ConfigException problems) {
            console.printProblems(problems);
            return Console.INVALID_INPUT;
        }
        LogSetup.apply(settings.logging());
        App app;
        try {
            app = App.assemble(settings, Clock.systemUTC());
        } catch (StartupException failure) {
            console.err.println(console.texts.get(failure.messageKey(), failure.args()));
            console.err.flush();
            return Console.INVALID_INPUT;
        }
        Optional<InitialAdmin.Created> created = app.ensureInitialAdmin(Optional.ofNullable(console.environment.get("MEDIANEST_ADMIN_PASSWORD")));
        int port;
        try {
            port = app.serve();
        } catch (StartupException failure) {
            console.err.println(console.texts.get(failure.messageKey(), failure.args()));
            console.err.flush();
            app.close();
            return Console.INVALID_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.err.println(console.texts.get("cli.stopping"));
            console.err.flush();
            app.close();
            stopped.countDown();
        }, "medianest-shutdown"));
        announce(settings, port, created);
        // Start-up leaves tens of megabytes of garbage (migrations, template and class loading) in a
        // heap that would otherwise stay that size while idle; one collection now lets the JVM give
        // it back (MaxHeapFreeRatio), which is what keeps an idle server inside the Pi budget.
        System.gc();
        java.util.List<String> unreadable = app.services().needingSecretsAgain();
        if (!unreadable.isEmpty()) {
            console.err.println(console.texts.get("cli.secrets_unreadable", String.join(", ", unreadable)));
            console.err.flush();
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void announce(Settings settings, int port, Optional<InitialAdmin.Created> created) {
        String url = settings.server().publicUrl().isEmpty() ? localUrl(settings.server().host(), port) : settings.server().publicUrl();
        console.out.println(console.texts.get("cli.started", BuildInfo.version(), url));
        created.ifPresent(admin -> {
            if (admin.oneTimePassword().isPresent()) {
                console.out.println(console.texts.get("cli.first_admin", admin.username(), admin.passwordFile().toString()));
                console.out.println();
                console.out.println("    " + admin.oneTimePassword().get());
                console.out.println();
                console.out.println(console.texts.get("cli.must_change"));
            } else {
                console.out.println(console.texts.get("cli.first_admin_preset", admin.username()));
            }
        });
        if (created.isEmpty()) {
            console.out.println(console.texts.get("cli.sign_in_hint", InitialAdmin.USERNAME));
        }
        console.out.flush();
    }

    private static String localUrl(String host, int port) {
        boolean everywhere = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        String shown = everywhere ? "localhost" : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port;
    }
}
