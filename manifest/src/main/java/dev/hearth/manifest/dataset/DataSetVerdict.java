package dev.hearth.manifest.dataset;

import java.util.List;

/** What {@link DataSetReader#read} decided of an upload. */
public sealed interface DataSetVerdict {

    /** The records, each one JSON value as text, in order: files by path, then lines. */
    record Accepted(List<String> records) implements DataSetVerdict {
        public Accepted {
            records = List.copyOf(records);
        }
    }

    /** The upload is malformed or hostile: every problem found, one line each. */
    record Refused(List<String> problems) implements DataSetVerdict {
        public Refused {
            problems = List.copyOf(problems);
        }
    }

    /** The upload, or its number of records, is over a limit. */
    record TooLarge(String problem) implements DataSetVerdict {}

    /** Not read: as many data sets as one JVM reads at once are being read; the same may pass soon. */
    record Busy(String problem) implements DataSetVerdict {}
}
