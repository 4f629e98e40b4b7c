package dev.petrel.daemon.reload;

import dev.petrel.config.ConfigError;
import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.daemon.check.CheckCommand;
import dev.petrel.speaker.ReloadPlan;
import dev.petrel.speaker.Petrel;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the file the daemon was started with and, if it is valid and needs no restart, applies it
 * ({@link Petrel#reloadBase}). SIGHUP and the {@code reload} admin command both come here; one at a time.
 */
public final class Reloader {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private final Path file;
    private final Petrel petrel;
    private final List<Runnable> afterApply = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The file is the base configuration of {@code petrel} ({@link dev.petrel.speaker.Petrel#reloadBase}). */
    public Reloader(Path file, Petrel petrel) {
        this.file = file;
        this.petrel = petrel;
    }

    /** What a reload came to. */
    public enum Status {
        /** The plan was applied (it may be empty: "no changes"). */
        APPLIED,
        /** Dry run: the plan was computed, nothing applied. */
        PLANNED,
        /** The file has errors: nothing changed. */
        INVALID,
        /** The plan has changes that need a restart: nothing changed. */
        REFUSED,
        /** Applying failed before any peer was touched (a new listen address cannot be bound): see errors. */
        FAILED
    }

    /**
     * @param status what happened
     * @param errors the file's errors, each {@code file:line: key: message} (INVALID), or why applying failed
     * @param warnings the file's warnings, each {@code file:line: warning: key: message}, as {@code petrel check}
     *     prints them; they never stop a reload
     * @param plan the plan computed (null for INVALID)
     */
    public record Outcome(Status status, List<String> errors, List<String> warnings, ReloadPlan plan) {
        public Outcome {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Runs {@code r} after every applied reload, whichever way it came (SIGHUP, {@code petrel reload}, a watched
     * file), on the reloading thread: for what follows the running configuration, such as {@link SecretWatch}.
     */
    public void afterApply(Runnable r) {
        afterApply.add(r);
    }

    /** Reads, validates, plans, and applies unless {@code dryRun}. Never throws for a bad file. */
    public synchronized Outcome reload(boolean dryRun) {
        ConfigResult result = ConfigLoader.load(file);
        List<String> warnings = result.warnings().stream().map(CheckCommand::warning).toList();
        for (String w : warnings) {
            LOG.warn("reload: {}", w);
        }
        if (!(result instanceof ConfigResult.Valid valid)) {
            List<String> errors = result.errors().stream().map(ConfigError::toString).toList();
            LOG.warn("reload of {} rejected, the running configuration stays: {} error(s)", file, errors.size());
            for (String e : errors) {
                LOG.warn("reload: {}", e);
            }
            return new Outcome(Status.INVALID, errors, warnings, null);
        }
        ReloadPlan plan = petrel.planBase(valid.config());
        if (dryRun) {
            return new Outcome(Status.PLANNED, List.of(), warnings, plan);
        }
        if (!plan.applicable()) {
            LOG.warn("reload of {} refused, nothing changed: needs a restart: {}", file,
                    String.join("; ", plan.restartNeeded()));
            return new Outcome(Status.REFUSED, List.of(), warnings, plan);
        }
        LOG.info("reloading {}", file);
        try {
            Outcome done = new Outcome(Status.APPLIED, List.of(), warnings, petrel.reloadBase(valid.config()));
            for (Runnable r : afterApply) {
                r.run();
            }
            return done;
        } catch (RuntimeException e) {
            // The listeners are bound first and undone on failure, so nothing else was touched.
            LOG.warn("reload of {} failed, the running configuration stays: {}", file, e.toString());
            return new Outcome(Status.FAILED, List.of(String.valueOf(e.getMessage())), warnings, plan);
        }
    }
}
