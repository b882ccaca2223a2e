// Caps that keep a hostile or broken bundle from exhausting the laptop. Real bundles are far below them.

export interface BundleLimits {
  /** Entries across the bundle and any nested zip. A real bundle has a few hundred. */
  maxEntries: number;
  /** Sum of uncompressed sizes (declared, then enforced while streaming). */
  maxTotalBytes: number;
  /** Largest single entry. */
  maxEntryBytes: number;
  /** Uncompressed/compressed ratio above which an entry is treated as a bomb… */
  maxRatio: number;
  /** …once it is at least this big uncompressed (small entries with high ratios are harmless). */
  ratioMinBytes: number;
  /** The archive as a whole: declared sizes above this are held to `maxRatio` against the archive's size. */
  bundleRatioMinBytes: number;
  /** Zips inside the bundle are opened this many levels deep; deeper ones are refused. */
  maxZipDepth: number;
  /** Bytes copied into the session folder (event logs, nested zips), checked before each copy. */
  maxExtractBytes: number;
  /** Files copied into the session folder. */
  maxExtractFiles: number;
  /** Event logs opened to identify their channel; the rest are named from their file names (a bundle has a few dozen). */
  maxIdentifiedLogs: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 8 * 1024 ** 3,
  maxEntryBytes: 4 * 1024 ** 3,
  // EVTX and text logs compress 5–50×; deflate's ceiling is ~1032×, where bombs live.
  maxRatio: 200,
  ratioMinBytes: 4 * 1024 * 1024,
  // 200 emptied event logs (68 KiB each) pack to ~50 KB: a floor keeps such bundles readable.
  bundleRatioMinBytes: 256 * 1024 ** 2,
  maxZipDepth: 1,
  maxExtractBytes: 4 * 1024 ** 3,
  maxExtractFiles: 2_000,
  maxIdentifiedLogs: 500,
};
