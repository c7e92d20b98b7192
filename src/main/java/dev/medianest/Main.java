package dev.medianest;

import dev.medianest.channels.cli.Console;
import dev.medianest.channels.cli.MediaNestCommand;
import dev.medianest.platform.i18n.Messages;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The program's entry point: {@code java -jar medianest.jar [command]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))));
    }

    /** Runs one command line and returns its exit status; tests call this with their own streams. */
    public static int run(String[] args, java.util.Map<String, String> environment, PrintWriter out, PrintWriter err, BufferedReader in) {
        Console console = new Console(environment, out, err, in, new Messages());
        return MediaNestCommand.commandLine(console).execute(args);
    }
}
