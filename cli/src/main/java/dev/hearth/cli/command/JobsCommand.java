package dev.hearth.cli.command;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import dev.hearth.cli.api.HearthApi;
import dev.hearth.cli.archive.ArchiveType;
import dev.hearth.cli.archive.DataSetFile;
import dev.hearth.cli.output.Json;
import dev.hearth.cli.output.Texts;
import dev.hearth.manifest.dataset.DataSetFormat;
import dev.hearth.manifest.dataset.DataSetLimits;
import dev.hearth.manifest.dataset.DataSetReader;
import dev.hearth.manifest.dataset.DataSetVerdict;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = {
            "Bulk jobs: a function invoked once per record of a data set, in the background; start, list, get,"
                    + " stop, restart, results and wait.",
            "Example: hearth-cli jobs start NAME records.jsonl, then hearth-cli jobs wait ID and"
                    + " hearth-cli jobs results ID."
        },
        subcommands = {
            JobsCommand.StartJob.class,
            JobsCommand.ListJobs.class,
            JobsCommand.GetJob.class,
            JobsCommand.StopJob.class,
            JobsCommand.RestartJob.class,
            JobsCommand.JobResults.class,
            JobsCommand.WaitForJob.class
        })
public final class JobsCommand extends CliCommand {

    @Override
    public Integer call() {
        throw usage("Missing command: start, list, get, stop, restart, results or wait");
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = {
                "Start a bulk job and print its id; its status goes to standard error.",
                "The data set is JSON lines (.jsonl, .ndjson, .json: one JSON value per line) or a .tar.gz (.tgz)"
                        + " or .zip of JSON-lines files, read in path order. It is checked here first with the"
                        + " server's own rules (each record one JSON value, the archive, the limits): a mistake"
                        + " exits 2 before anything is sent."
            })
    static final class StartJob extends CliCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The function's name.")
        String function;

        @Parameters(index = "1", paramLabel = "DATASET", description = "The data set's file.")
        Path dataSet;

        @Override
        public Integer call() {
            DataSetFile file = DataSetFile.of(dataSet);
            DataSetVerdict verdict = DataSetReader.read(file.bytes(), format(file), DataSetLimits.DEFAULT);
            if (verdict instanceof DataSetVerdict.Refused refused) {
                throw new CliFailure(ExitCode.USAGE, "invalid-data-set", String.join("; ", refused.problems()));
            }
            if (verdict instanceof DataSetVerdict.TooLarge tooLarge) {
                throw new CliFailure(ExitCode.USAGE, "payload-too-large", tooLarge.problem());
            }
            JsonValue job = cli().api().startJob(function, file.bytes(), file.mediaType());
            cli().print(job, j -> Json.text(j.asJsonObject(), "id") + "\n");
            cli().err().println("started " + Texts.jobLine(job));
            return ExitCode.OK.code();
        }

        private static DataSetFormat format(DataSetFile file) {
            return file.archive()
                    .map(type -> type == ArchiveType.ZIP ? DataSetFormat.ZIP : DataSetFormat.TAR_GZ)
                    .orElse(DataSetFormat.JSON_LINES);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Your jobs (an admin's: everyone's), newest first.")
    static final class ListJobs extends CliCommand {

        @Override
        public Integer call() {
            cli().print(cli().api().jobs(), Texts::jobs);
            return ExitCode.OK.code();
        }
    }

    /** What the commands of one job name: its id. */
    static final class JobId {

        @Parameters(paramLabel = "ID", description = "The job's id, as jobs start printed it.")
        String id;
    }

    @Command(
            name = "get",
            mixinStandardHelpOptions = true,
            description = "A job's status, progress (records done, failed, in all) and times.")
    static final class GetJob extends CliCommand {

        @Mixin
        JobId job;

        @Override
        public Integer call() {
            cli().print(cli().api().job(job.id), Texts::job);
            return ExitCode.OK.code();
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = {
                "Stop a job once its current chunk is done (stopping, then stopped).",
                "With several members, the one that runs the job stops it: another answers job-state-conflict."
            })
    static final class StopJob extends CliCommand {

        @Mixin
        JobId job;

        @Override
        public Integer call() {
            cli().print(cli().api().stopJob(job.id), j -> Texts.jobLine(j) + "\n");
            return ExitCode.OK.code();
        }
    }

    @Command(
            name = "restart",
            mixinStandardHelpOptions = true,
            description = "Go on with a stopped or failed job from its last checkpoint.")
    static final class RestartJob extends CliCommand {

        @Mixin
        JobId job;

        @Override
        public Integer call() {
            cli().print(cli().api().restartJob(job.id), j -> Texts.jobLine(j) + "\n");
            return ExitCode.OK.code();
        }
    }

    @Command(
            name = "results",
            mixinStandardHelpOptions = true,
            description = {
                "A job's results so far as JSON lines, one per record with a result, by index:"
                        + " {index, activationId, status, result} (whatever --output says).",
                "status is the function's (success, error, timed_out, ...), or, for a record Hearth did not run,"
                        + " the problem's type with its detail as result."
            })
    static final class JobResults extends CliCommand {

        @Mixin
        JobId job;

        @Option(
                names = "--out",
                paramLabel = "FILE",
                description = "Write them into FILE instead of standard output: gzipped as the server sends them"
                        + " if FILE ends in .gz, else as plain JSON lines.")
        Path file;

        @Override
        public Integer call() {
            byte[] gzipped = cli().api().jobResults(job.id);
            if (file == null) {
                writePlain(gzipped, cli().out());
                cli().out().flush();
                return ExitCode.OK.code();
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                if (file.getFileName().toString().endsWith(".gz")) {
                    out.write(gzipped);
                } else {
                    writePlain(gzipped, out);
                }
            } catch (IOException e) {
                throw new CliFailure(ExitCode.FAILED, "write", "cannot write " + file + ": " + e.getMessage());
            }
            cli().err().println("wrote the results of job " + job.id + " into " + file);
            return ExitCode.OK.code();
        }

        /** Gunzipped: the server's file is gzip members one after another (one per record), or nothing yet. */
        private static void writePlain(byte[] gzipped, OutputStream out) {
            if (gzipped.length == 0) {
                return;
            }
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new CliFailure(ExitCode.FAILED, "results", "the results are no gzip file: " + e.getMessage());
            }
        }
    }

    @Command(
            name = "wait",
            mixinStandardHelpOptions = true,
            description = {
                "Wait until a job has ended, then print it.",
                "Exits 0 when it completed (its records may still have failed: they are counted, and in its"
                        + " results), 1 when it failed, was stopped or abandoned, or --timeout passed first."
            })
    static final class WaitForJob extends CliCommand {

        /** Jakarta Batch's statuses of an execution that has ended. */
        private static final Set<String> ENDED = Set.of("completed", "failed", "stopped", "abandoned");

        @Mixin
        JobId job;

        @Option(
                names = "--timeout",
                paramLabel = "SECONDS",
                description = "Give up after SECONDS (exit 1); without it, wait as long as the job runs.")
        Double timeoutSeconds;

        @Option(
                names = "--interval",
                paramLabel = "SECONDS",
                description = "How often to ask how the job is (default ${DEFAULT-VALUE}).")
        double intervalSeconds = 2;

        @Override
        public Integer call() {
            if (intervalSeconds <= 0 || intervalSeconds > 3600) {
                throw usage("--interval must be more than 0 and at most 3600 seconds");
            }
            if (timeoutSeconds != null && timeoutSeconds <= 0) {
                throw usage("--timeout must be more than 0 seconds");
            }
            HearthApi api = cli().api();
            Instant deadline = timeoutSeconds == null
                    ? Instant.MAX
                    : cli().clock().instant().plus(Duration.ofMillis((long) (timeoutSeconds * 1000)));
            JsonValue state = api.job(job.id);
            while (!ENDED.contains(status(state))) {
                if (!cli().clock().instant().isBefore(deadline)) {
                    throw new CliFailure(
                            ExitCode.FAILED,
                            "timeout",
                            "job " + job.id + " is still " + status(state) + " after " + timeoutSeconds + " s");
                }
                pause(intervalSeconds, "stopped waiting for job " + job.id);
                state = api.job(job.id);
            }
            cli().print(state, j -> Texts.jobLine(j) + "\n");
            String status = status(state);
            if (!"completed".equals(status)) {
                String problem = Json.text(state.asJsonObject(), "problem");
                String why = !problem.isEmpty()
                        ? ": " + problem
                        : "abandoned".equals(status) ? "" : " (jobs restart " + job.id + " goes on)";
                throw new CliFailure(ExitCode.FAILED, "job-" + status, "job " + job.id + " ended " + status + why);
            }
            return ExitCode.OK.code();
        }

        private static String status(JsonValue job) {
            return Json.text(job.asJsonObject(), "status");
        }
    }
}
