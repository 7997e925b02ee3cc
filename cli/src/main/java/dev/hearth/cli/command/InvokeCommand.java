package dev.hearth.cli.command;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import dev.hearth.cli.output.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "invoke",
        mixinStandardHelpOptions = true,
        description = {
            "Invoke a function and print its result; the activation's summary goes to standard error.",
            "The event: --data, --data-file (- for standard input), else standard input when it is not a"
                    + " terminal, else {}. A function that ended otherwise than in success exits 1.",
            "With --async the invocation is queued and its activation id printed at once: follow it with"
                    + " `logs ID`; it is retried on failure and may run more than once."
        })
public final class InvokeCommand extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "The function's name.")
    String name;

    @Option(names = "--data", paramLabel = "JSON", description = "The event, as JSON text.")
    String data;

    @Option(names = "--data-file", paramLabel = "FILE", description = "A file holding the event; - for standard input.")
    String dataFile;

    @Option(names = "--async", description = "Queue the invocation and print its activation id without waiting.")
    boolean async;

    @Option(
            names = "--idempotency-key",
            paramLabel = "KEY",
            description = "With --async: the same key within 24 hours answers the first invocation's activation.")
    String idempotencyKey;

    @Override
    public Integer call() {
        if (async) {
            JsonObject queued =
                    cli().api().invokeAsync(name, event(), idempotencyKey).asJsonObject();
            cli().print(queued, a -> Json.text(queued, "activationId") + "\n");
            return ExitCode.OK.code();
        }
        if (idempotencyKey != null) {
            throw usage("--idempotency-key needs --async");
        }
        JsonObject answer = cli().api().invoke(name, event()).asJsonObject();
        String status = Json.text(answer, "status");
        JsonValue result = answer.get("result");
        cli().print(answer, a -> (result == null ? "null" : Json.pretty(result)) + "\n");
        cli().err()
                .println("activation " + Json.text(answer, "activationId") + ": " + status + " ("
                        + Json.text(answer, "startKind") + ", " + Json.text(answer, "durationMillis") + " ms)");
        if (!"success".equals(status)) {
            throw new CliFailure(
                    ExitCode.FAILED,
                    "function-" + status,
                    name + " ended in " + status + " (logs " + Json.text(answer, "activationId") + ")");
        }
        return ExitCode.OK.code();
    }

    private String event() {
        if (data != null && dataFile != null) {
            throw usage("give --data or --data-file, not both");
        }
        if (data != null) {
            return data;
        }
        if (dataFile != null) {
            return "-".equals(dataFile) ? read(cli().in()) : readFile(Path.of(dataFile));
        }
        return cli().inIsTerminal() ? "{}" : read(cli().in());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "stdin", "cannot read the event: " + e.getMessage());
        }
    }

    private String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw usage("--data-file: cannot read " + file + " (" + e.getMessage() + ")");
        }
    }
}
