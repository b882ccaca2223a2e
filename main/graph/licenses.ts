// The account's licences (licenseDetails): SKUs and service plans; the checks compare them with the MTR SKU table.
import type { LicenseFact } from '../model/facts';
import { graphEvidence } from './provenance';
import type { GraphRun } from './graph-run';
import { licenseDetailSchema, type GraphLicenseDetail } from './payload-schemas';

export async function readLicenses(run: GraphRun, userKey: string): Promise<void> {
  run.begin('licenses');
  const resource = `/users/${userKey}/licenseDetails`;
  const result = await run.attempt(`graph:${resource}`, 'The account\'s licences', 'LicenseAssignment.Read.All (or Directory.Read.All)', () =>
    run.getAll(run.api(`/users/${encodeURIComponent(userKey)}/licenseDetails`), licenseDetailSchema),
  );
  if (!result) return;
  run.sources.graphLicenses = true;
  run.facts.push(licenseFact(userKey, result.items));
}

/** The licences as the fact the checks compare with the Teams Rooms SKU table. */
export function licenseFact(userKey: string, items: GraphLicenseDetail[]): LicenseFact {
  const resource = `/users/${userKey}/licenseDetails`;
  const skus = items.map((l) => ({
    skuId: l.skuId,
    skuPartNumber: l.skuPartNumber,
    plans: (l.servicePlans ?? []).map((p) => ({
      servicePlanName: p.servicePlanName,
      servicePlanId: p.servicePlanId,
      provisioningStatus: p.provisioningStatus,
    })),
  }));
  const excerpt = skus.length
    ? skus.map((s) => `${s.skuPartNumber} (${s.plans.map((p) => `${p.servicePlanName} ${p.provisioningStatus}`).join(', ')})`).join('; ')
    : 'No licences assigned';
  const fact: LicenseFact = {
    kind: 'license',
    skus,
    evidence: graphEvidence(resource, `${skus.length} licence(s)`, null, excerpt, items),
  };
  return fact;
}
