package dev.hearth.cli.command;

import static dev.hearth.cli.output.Texts.column;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.output.Json;
import dev.hearth.cli.output.Texts;
import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "schedules",
        mixinStandardHelpOptions = true,
        description = "A function's schedules: cron expressions it runs at, as its owner; list, put and delete.",
        subcommands = {
            SchedulesCommand.ListSchedules.class,
            SchedulesCommand.PutSchedule.class,
            SchedulesCommand.DeleteSchedule.class
        })
public final class SchedulesCommand extends CliCommand {

    @Override
    public Integer call() {
        throw usage("Missing command: list, put or delete");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The function's schedules.")
    static final class ListSchedules extends CliCommand {

        @Parameters(paramLabel = "NAME", description = "The function's name.")
        String name;

        @Override
        public Integer call() {
            cli().print(
                            cli().api().schedules(name),
                            schedules -> Texts.table(
                                    schedules,
                                    column("SCHEDULE", "name"),
                                    column("CRON", "cron"),
                                    column("TIMEZONE", "timezone"),
                                    column("NEXT RUN", "nextRunAt"),
                                    column("LAST RUN", "lastRunAt")));
            return ExitCode.OK.code();
        }
    }

    /** What put and delete name: the function and its schedule. */
    static final class Schedule {

        @Parameters(index = "0", paramLabel = "NAME", description = "The function's name.")
        String function;

        @Parameters(index = "1", paramLabel = "SCHEDULE", description = "The schedule's name.")
        String name;
    }

    @Command(
            name = "put",
            mixinStandardHelpOptions = true,
            description = {
                "Create or change a schedule.",
                "Example: hearth-cli schedules put NAME nightly '30 2 * * MON-FRI' --timezone Europe/Berlin"
                        + " --event '{\"report\":\"daily\"}'"
            })
    static final class PutSchedule extends CliCommand {

        @Mixin
        Schedule schedule;

        @Parameters(
                index = "2",
                paramLabel = "CRON",
                description = "Five fields, minute hour day-of-month month day-of-week (quote it).")
        String cron;

        @Option(names = "--timezone", paramLabel = "ZONE", description = "An IANA time-zone name; UTC if not given.")
        String timezone;

        @Option(names = "--event", paramLabel = "JSON", description = "The event each run gets; {} if not given.")
        String event;

        @Override
        public Integer call() {
            JsonValue eventJson =
                    event == null ? null : Json.parse(event).orElseThrow(() -> usage("--event is not JSON: " + event));
            JsonValue put = cli().api().putSchedule(schedule.function, schedule.name, cron, timezone, eventJson);
            cli().print(
                            put,
                            s -> "set " + schedule.name + " of " + schedule.function + " (next run "
                                    + Json.text(s.asJsonObject(), "nextRunAt") + ")\n");
            return ExitCode.OK.code();
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a schedule; it runs no more.")
    static final class DeleteSchedule extends CliCommand {

        @Mixin
        Schedule schedule;

        @Override
        public Integer call() {
            cli().api().deleteSchedule(schedule.function, schedule.name);
            cli().err().println("deleted " + schedule.name + " of " + schedule.function);
            return ExitCode.OK.code();
        }
    }
}
