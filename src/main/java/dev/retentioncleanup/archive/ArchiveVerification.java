package dev.retentioncleanup.archive;

import java.util.List;

/**
 * What {@link ArchiveVerifier} checked and found.
 *
 * @param runs  run directories looked at
 * @param files data files read through (listed by a manifest and present)
 * @param rows  CSV records counted in them
 * @param bytes bytes read from them
 */
public record ArchiveVerification(int runs, long files, long rows, long bytes, List<ArchiveProblem> problems) {
    public ArchiveVerification {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The summary line verify-archive ends with. */
    public String summary() {
        return String.format("verify-archive: %d run(s), %d file(s), %d row(s), %d byte(s) checked; %d problem(s)",
                runs, files, rows, bytes, problems.size());
    }
}
