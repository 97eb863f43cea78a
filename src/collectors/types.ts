import type { Snapshot, SnapshotResource } from '../model/snapshot.js';

/** Reports progress of a long collection; the CLI shows it on a TTY and drops it otherwise. */
export interface Progress {
  update(message: string): void;
  /** A warning the user should see even when not on a TTY (a denied region). */
  warn(message: string): void;
}

export interface CollectContext {
  progress: Progress;
  /** Aborts the collection (Ctrl-C). */
  signal?: AbortSignal;
  /**
   * Receives resources as they are found (`collect -o` streams them into the snapshot file,
   * so memory stays flat on a large estate). When set, the returned Snapshot's `resources`
   * is empty: everything went to the sink.
   */
  sink?: (resource: SnapshotResource) => void;
}

/**
 * A source of facts (an AWS account). It only describes what it found; model/estate.ts merges
 * snapshots with the manifest and resolves references, so collectors stay independent.
 */
export interface Collector {
  readonly name: string;
  collect(context: CollectContext): Promise<Snapshot>;
}
