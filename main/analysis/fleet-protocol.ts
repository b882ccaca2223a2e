// Messages between analyseFleet and its worker threads (fleet-worker.ts). Plain data: structured clone.
import type { AnalysisResult } from '../model/analysis';
import type { Inventory } from '../model/inventory';
import type { AnalysisProgress } from './analyse';

export interface FleetJob {
  id: number;
  path: string;
  /** The run's scratch folder: every session folder the worker makes goes inside it. */
  tempRoot: string;
  now?: string;
}

export type FleetWorkerMessage =
  | { type: 'progress'; id: number; progress: AnalysisProgress }
  | { type: 'done'; id: number; result: AnalysisResult; inventory: Inventory | null }
  | { type: 'refused'; id: number; message: string };
