// The check data files, validated once at load: a typo in a table fails loudly, not silently.
import { z } from 'zod';
import { CHECK_IDS, type CheckId, type DocLink } from '../model/analysis';
import aadstsJson from './data/aadsts.json';
import checksJson from './data/checks.json';
import hresultsJson from './data/hresults.json';
import skusJson from './data/mtr-skus.json';

const checkId = z.enum(CHECK_IDS);

/** Families of the Entra reference's codes, as MTR Doctor groups them (see data/aadsts.json). */
export const AADSTS_FAMILIES = ['interactive', 'conditional-access', 'session', 'password', 'credentials', 'tenant', 'app-registration'] as const;

const aadstsSchema = z.object({
  /** The reference's look-up page for one code: this prefix and the number. */
  lookup: z.url(),
  codes: z.array(
    z.object({
      code: z.string().regex(/^\d+$/),
      name: z.string(),
      family: z.enum(AADSTS_FAMILIES),
      meaning: z.string(),
      check: checkId.nullable(),
      remedy: z.string(),
      source: z.url(),
    }),
  ),
});
const hresultSchema = z.object({
  codes: z.array(z.object({ hresult: z.string().regex(/^0x[0-9A-F]{8}$/), name: z.string(), meaning: z.string(), check: checkId.nullable() })),
});
const plan = z.object({ servicePlanName: z.string(), servicePlanId: z.string() });
const skuSchema = z.object({
  roomSkus: z.array(z.object({ skuId: z.string(), skuPartNumber: z.string(), name: z.string(), teamsPlan: z.string() })),
  roomServicePlans: z.array(plan),
  wrongSkus: z.array(z.object({ skuPartNumber: z.string(), name: z.string(), why: z.string() })),
  teamsPlans: z.array(plan),
  skypePlan: plan,
  exchangePlanNames: z.array(z.string()),
});
const checkMetaSchema = z.object({
  checks: z.record(
    checkId,
    z.object({
      title: z.string(),
      question: z.string(),
      source: z.string(),
      remedy: z.array(z.string()),
      remedyWithCodes: z.array(z.string()).optional(),
      remedyByAccount: z.object({ cloud: z.array(z.string()), synced: z.array(z.string()), changed: z.array(z.string()) }).optional(),
      portalSignal: z.object({ '4.x': z.string(), '5.x': z.string(), unknown: z.string() }),
      links: z.array(z.object({ title: z.string(), url: z.url() })),
    }),
  ),
});

export type AadstsEntry = z.infer<typeof aadstsSchema>['codes'][number];
export type HresultEntry = z.infer<typeof hresultSchema>['codes'][number];
export type SkuTable = z.infer<typeof skuSchema>;
export interface CheckMeta {
  title: string;
  question: string;
  source: string;
  remedy: string[];
  /** The generic steps that still add something once code-specific steps were found. */
  remedyWithCodes?: string[];
  /** The whole fix for one kind of account, replacing every other list (the password check: a synced account is reset in AD). */
  remedyByAccount?: Record<'cloud' | 'synced' | 'changed', string[]>;
  /** The Teams Rooms Pro portal signal a failure explains, per app generation. */
  portalSignal: Record<'4.x' | '5.x' | 'unknown', string>;
  links: DocLink[];
}

export interface Tables {
  aadsts: Map<string, AadstsEntry>;
  /** Microsoft's look-up page for a code the table lacks. */
  aadstsLookup(code: string): string;
  hresults: Map<string, HresultEntry>;
  skus: SkuTable;
  meta: Record<CheckId, CheckMeta>;
  /** AADSTS codes each check claims. */
  codesOf(check: CheckId): Set<string>;
}

let cached: Tables | null = null;

export function loadTables(): Tables {
  if (cached) return cached;
  const aadsts = aadstsSchema.parse(aadstsJson);
  const hresults = hresultSchema.parse(hresultsJson);
  const meta = checkMetaSchema.parse(checksJson).checks as Record<CheckId, CheckMeta>;
  for (const id of CHECK_IDS) if (!meta[id]) throw new Error(`checks.json has no entry for ${id}`);
  const byCheck = new Map<CheckId, Set<string>>(CHECK_IDS.map((id) => [id, new Set<string>()]));
  for (const c of aadsts.codes) if (c.check) byCheck.get(c.check)?.add(c.code);
  cached = {
    aadsts: new Map(aadsts.codes.map((c) => [c.code, c])),
    aadstsLookup: (code) => `${aadsts.lookup}${code}`,
    hresults: new Map(hresults.codes.map((c) => [c.hresult, c])),
    skus: skuSchema.parse(skusJson),
    meta,
    codesOf: (check) => byCheck.get(check) ?? new Set(),
  };
  return cached;
}
