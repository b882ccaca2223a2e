// The wizard's state as five slices (bundle, analysis, report, tenant, fleet), the navigation they share and
// the session reset over them.
// Components read it through selectors (selectors.ts), so a progress event re-renders only what shows progress.
import type { StateCreator } from 'zustand';
import type { CloudId, DeviceCodePrompt, FileGrant, FleetBundleEvent, SampleBundle, TenantStatus } from '../../../main/ipc/contract';
import type { AnalysisResult } from '../../../main/model/analysis';
import type { BundleContents, Inventory, ProgressEvent } from '../../../main/model/inventory';
import type { FleetEntry, FleetFilter, FleetSort, FleetSortKey } from '../fleet-table';

/** 'fleet' takes the first step's place when several bundles were opened at once. */
export type StepId = 'bundle' | 'fleet' | 'inventory' | 'checks' | 'findings';

export interface Problem {
  title: string;
  message: string;
  /** 'neutral' for what the technician asked for (Cancelled), 'error' for what went wrong. */
  tone: 'error' | 'neutral';
  /** Settings problems, by form field, in the words the form uses. */
  fields?: Partial<Record<SettingsField, string>>;
}

export type SettingsField = 'clientId' | 'tenant' | 'cloud';

export interface Job {
  id: string;
  /** Decides where its progress shows: at the drop zone, at the Run button, in the tenant panel. */
  kind: 'bundle' | 'analysis' | 'tenant' | 'fleet';
  label: string;
  progress: ProgressEvent | null;
  /** The technician pressed Cancel: the failure that follows is "Cancelled", not an error. */
  cancelling: boolean;
}

export interface NavigationSlice {
  step: StepId;
  /** Which check the Checks step shows; -1 is the overview. */
  checkIndex: number;
  problem: Problem | null;
  /** The long operation under way, whichever slice started it. */
  job: Job | null;
  goTo(step: StepId): void;
  showCheck(index: number): void;
  dismissProblem(): void;
  cancelJob(): Promise<void>;
  onProgress(p: ProgressEvent): void;
}

export interface BundleSlice {
  inventory: Inventory | null;
  samples: SampleBundle[];
  loadSamples(): Promise<void>;
  /** A file dropped on the window: main registers it and hands back a handle. */
  openDropped(file: File): Promise<void>;
  openSample(id: string, label: string): Promise<void>;
  /** Picked or dropped files: one device bundle opens the usual wizard; several, or a folder of zips, the fleet. */
  openGrants(grants: FileGrant[]): Promise<void>;
  openDroppedFiles(files: File[]): Promise<void>;
  choose(kind: 'zip' | 'folder'): Promise<void>;
  reset(): Promise<void>;
}

export interface AnalysisSlice {
  analysis: AnalysisResult | null;
  runChecks(): Promise<void>;
}

export interface SavedReport {
  path: string;
  /** Main's handle for the file it wrote: Open / Show in folder name it by this, never by a path. */
  handle: string;
}

export interface ReportSlice {
  notes: string;
  saved: SavedReport | null;
  /** The full report: every evidence item of every check, not the one-to-two page sheet. */
  full: boolean;
  /** The paper a saved PDF is laid out for; the default follows the system locale (Letter in the US and Canada). */
  paper: 'A4' | 'Letter';
  setPaper(paper: 'A4' | 'Letter'): void;
  setNotes(notes: string): void;
  setFull(full: boolean): void;
  print(): Promise<void>;
  savePdf(): Promise<void>;
  reveal(how: 'open' | 'folder'): Promise<void>;
}

export interface TenantSlice {
  tenant: TenantStatus | null;
  tenantOpen: boolean;
  deviceCode: DeviceCodePrompt | null;
  openTenant(open: boolean): void;
  loadTenant(): Promise<void>;
  saveTenantSettings(s: { clientId: string; tenant: string; cloud: CloudId; includeAuthenticationMethods: boolean }): Promise<boolean>;
  signIn(method: 'browser' | 'device-code'): Promise<void>;
  signOut(): Promise<void>;
  analyzeTenant(o: { account: string | null; days: number; merge: boolean }): Promise<void>;
  onDeviceCode(p: DeviceCodePrompt & { jobId: string }): void;
}

export interface FleetState {
  /** Main's id for the fleet: known from the first bundle's event, needed to open a room or export. */
  id: string | null;
  jobId: string | null;
  name: string;
  entries: FleetEntry[];
  running: boolean;
  cancelled: boolean;
  generatedAt: string | null;
}

export interface FleetSlice {
  fleet: FleetState | null;
  /** The fleet's room open in the wizard (its bundle index), or null. */
  fleetRoom: number | null;
  /** What that room's bundle held (its Inventory step, read only: a worker read the bundle and closed it). */
  roomContents: BundleContents | null;
  fleetSort: FleetSort;
  fleetFilter: FleetFilter;
  /** The fleet's CSV or summary PDF, once saved (Open / Show in folder act on main's handle). */
  fleetSaved: (SavedReport & { kind: 'csv' | 'pdf' }) | null;
  runFleet(grants: FileGrant[], files: string[]): Promise<void>;
  onFleetBundle(e: FleetBundleEvent): void;
  openRoom(index: number): Promise<void>;
  backToFleet(): void;
  sortFleet(key: FleetSortKey): void;
  filterFleet(f: Partial<FleetFilter>): void;
  saveFleetCsv(): Promise<void>;
  saveFleetPdf(): Promise<void>;
  revealFleetFile(how: 'open' | 'folder'): Promise<void>;
}

/** 'room': another room of the open fleet (the fleet stays); 'all': Start over, another bundle or fleet. */
export type SessionScope = 'all' | 'room';

export interface SessionSlice {
  /** Forgets the session (session.ts), then sets `then`: what opens in its place. */
  resetSession(then?: Partial<WizardState>, scope?: SessionScope): void;
}

export type WizardState = NavigationSlice & BundleSlice & AnalysisSlice & ReportSlice & TenantSlice & FleetSlice & SessionSlice;
export type Slice<T> = StateCreator<WizardState, [], [], T>;
