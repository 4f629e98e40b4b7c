/**
 * Configuration reload: {@code petrel reload [--dry-run] [--json]} and SIGHUP. {@link
 * dev.petrel.daemon.reload.Reloader} re-reads the file the daemon was started with, rejects an invalid one with
 * every error (the running configuration stays), asks the speaker for the plan ({@code ReloadPlanner}) and applies
 * it ({@code Speaker.reload}) unless it is a dry run or something in it needs a restart. One line is logged per
 * applied change. {@link dev.petrel.daemon.reload.ConfigWatcher} ({@code petrel run --watch-config}) reloads when
 * the file's content changes, following the symlink swap of a Kubernetes ConfigMap volume.
 */
package dev.petrel.daemon.reload;
