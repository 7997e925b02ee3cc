package dev.hearth.cli.command;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import dev.hearth.cli.api.HearthApi;
import dev.hearth.cli.archive.FunctionArchive;
import dev.hearth.cli.output.Json;
import dev.hearth.cli.output.UploadProgress;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.network.NetworkPolicy;
import dev.hearth.domain.rules.NameRule;
import dev.hearth.manifest.UploadRules;
import dev.hearth.manifest.UploadVerdict;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Deploy a function: a folder with hearth.json at its root (zipped here) or a .zip or .tar.gz archive.",
            "The function is named after the folder or archive (hello-python for examples/hello-python) unless"
                    + " --name says otherwise; deploying a name again replaces its code.",
            "It is checked here first with the server's own rules (archive, hearth.json, names, limits,"
                    + " policy): a mistake exits 2 before anything is sent."
        })
public final class DeployCommand extends CliCommand {

    /**
     * The server's upload rules, run here first so that a mistake is told before anything is sent.
     * The private networks its admin allows are the server's to know: here every one passes.
     */
    private static final DestinationGuard CLIENT_GUARD = new DestinationGuard(NetworkPolicy.everyPrivateNetwork());

    private static final int PROGRESS_FROM_BYTES = 1 << 20;

    /** The fields of a function that a deployment may change, and their names in what it prints. */
    private static final Map<String, String> CHANGE_LABELS = labels();

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("codeSha256", "code");
        labels.put("runtime", "runtime");
        labels.put("entryPortion", "entry portion");
        labels.put("portions", "portions");
        labels.put("policy", "policy");
        labels.put("sharedPath", "shared folder");
        return labels;
    }

    @Parameters(paramLabel = "DIR|ARCHIVE", description = "The function's folder or archive.")
    Path path;

    @Option(names = "--name", paramLabel = "NAME", description = "The function's name.")
    String name;

    @Override
    public Integer call() {
        String function = name != null ? name : FunctionArchive.defaultName(path);
        if (!NameRule.FUNCTION.accepts(function)) {
            throw usage("'" + function + "' is not a function name (" + NameRule.FUNCTION.inWords()
                    + "); give one with --name");
        }
        FunctionArchive archive = FunctionArchive.of(path);
        if (UploadRules.judge(function, archive.bytes(), CLIENT_GUARD) instanceof UploadVerdict.Rejected rejected) {
            throw new CliFailure(ExitCode.USAGE, "invalid-code", String.join("; ", rejected.problems()));
        }
        HearthApi api = cli().api();
        Optional<JsonObject> before = previous(api, function);
        HearthApi.Deployed deployed = upload(api, function, archive);
        JsonObject after = deployed.function().asJsonObject();
        // Absent before yet updated: deployed by someone else in between, so all of it is news.
        Outcome outcome = deployed.created()
                ? new Created()
                : new Updated(before.map(b -> changes(b, after)).orElse(List.copyOf(CHANGE_LABELS.values())));
        cli().print(after, f -> summary(after, outcome));
        return ExitCode.OK.code();
    }

    /** Shows how far it got on a terminal, for an archive large enough to take a while, unless JSON is asked. */
    private HearthApi.Deployed upload(HearthApi api, String function, FunctionArchive archive) {
        if (!cli().errIsTerminal() || cli().jsonOutput() || archive.bytes().length < PROGRESS_FROM_BYTES) {
            return api.deploy(function, archive.bytes(), archive.contentType(), sent -> {});
        }
        UploadProgress progress = new UploadProgress(cli().err(), archive.bytes().length);
        try {
            return api.deploy(function, archive.bytes(), archive.contentType(), progress::sent);
        } finally {
            progress.done();
        }
    }

    /** What a deployment did to the name. */
    sealed interface Outcome {}

    record Created() implements Outcome {}

    /** {@code changed}: what differs from the function before, in words; empty: the same code and manifest. */
    record Updated(List<String> changed) implements Outcome {}

    /** The function as it was, to say what the deployment changed; empty when there was none. */
    private static Optional<JsonObject> previous(HearthApi api, String name) {
        try {
            return Optional.of(api.function(name).asJsonObject());
        } catch (CliFailure absent) {
            if (absent.exitCode() != ExitCode.NOT_FOUND) {
                throw absent;
            }
            return Optional.empty();
        }
    }

    /** What differs between the function before and after, in the words of its fields. */
    private static List<String> changes(JsonObject before, JsonObject after) {
        List<String> changed = new ArrayList<>();
        CHANGE_LABELS.forEach((field, label) -> {
            if (!Objects.equals(before.get(field), after.get(field))) {
                changed.add(label);
            }
        });
        return changed;
    }

    private static String summary(JsonObject function, Outcome outcome) {
        StringBuilder text = new StringBuilder();
        int portions = function.getJsonArray("portions") == null
                ? 0
                : function.getJsonArray("portions").size();
        if (outcome instanceof Updated updated) {
            text.append("updated ")
                    .append(Json.text(function, "name"))
                    .append(
                            updated.changed().isEmpty()
                                    ? " (nothing changed)"
                                    : " (changed: " + String.join(", ", updated.changed()) + ")");
        } else {
            text.append("created ").append(Json.text(function, "name"));
        }
        text.append(": ")
                .append(Json.text(function, "runtime"))
                .append(", ")
                .append(portions)
                .append(portions == 1 ? " portion, " : " portions, ")
                .append(Json.text(function, "codeSize"))
                .append(" bytes of code (sha256 ")
                .append(Json.text(function, "codeSha256"))
                .append(")\n");
        if (function.getJsonArray("warnings") != null) {
            for (JsonValue warning : function.getJsonArray("warnings")) {
                text.append("warning: ")
                        .append(((JsonString) warning).getString())
                        .append('\n');
            }
        }
        return text.toString();
    }
}
