package dev.hearth.domain.function;

import java.util.List;

/** The outcome of {@link ManifestRules#validate}: an accepted manifest, or what is wrong with it. */
public sealed interface ManifestVerdict {

    record Accepted(FunctionManifest manifest) implements ManifestVerdict {}

    /** One line per problem, each naming the field or path it is about. */
    record Rejected(List<String> problems) implements ManifestVerdict {

        public Rejected {
            problems = List.copyOf(problems);
        }
    }
}
