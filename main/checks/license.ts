// Check 7: does the account have a Teams Rooms license with Teams on? (Teams log get_skype_license … licenseError;
// from Graph: licenseDetails against the MTR SKU table)
import type { CheckResult } from '../model/analysis';
import { failureOutcome, result, unknown } from './compose';
import type { CheckContext } from './context';

export function checkLicense(ctx: CheckContext): CheckResult {
  const logLines = ctx.of('teams-log').filter((f) => f.topic === 'license');
  const lic = ctx.of('license')[0];
  const { skus } = ctx.tables;
  const teamsHealthy = (h: { teamsSignin: string | null }) => /^Healthy$/i.test(h.teamsSignin ?? '');

  if (logLines.length > 0) {
    const files = [...new Set(logLines.map((l) => l.evidence.source))];
    const o = failureOutcome(
      ctx,
      logLines,
      ({ count, span }) =>
        `Teams refused the account for lack of a license: "get_skype_license … licenseError" ${count} in ${files.length === 1 ? files[0] : `${files.length} Teams logs`}, ${span}.`,
      [],
    );
    o.recoveredAt = ctx.recoveredAfter(o.lastSeen ?? null, teamsHealthy);
    if (!o.recoveredAt) o.status = 'fail';
    if (lic) o.evidence = [...(o.evidence ?? []), lic.evidence];
    return result(ctx, 'license', o);
  }
  if (lic) {
    const room = lic.skus.find((s) => skus.roomSkus.some((r) => r.skuId === s.skuId || r.skuPartNumber === s.skuPartNumber));
    const wrong = lic.skus.map((s) => skus.wrongSkus.find((w) => w.skuPartNumber === s.skuPartNumber)).find((w) => !!w);
    if (!room) {
      return result(ctx, 'license', {
        status: 'fail',
        summary: wrong
          ? `The account has ${wrong.name} (${wrong.skuPartNumber}) but no Teams Rooms license. ${wrong.why}`
          : `The account has no Teams Rooms license${lic.skus.length ? ` (it has: ${lic.skus.map((s) => s.skuPartNumber).join(', ')})` : ' (no licenses at all)'}.`,
        evidence: [lic.evidence],
      });
    }
    const name = skus.roomSkus.find((r) => r.skuId === room.skuId || r.skuPartNumber === room.skuPartNumber)?.name ?? room.skuPartNumber;
    const teams = room.plans.find((p) => p.servicePlanId === skus.teamsPlan.servicePlanId || p.servicePlanName === skus.teamsPlan.servicePlanName);
    if (teams && !/^(Success|PendingActivation|PendingProvisioning)$/i.test(teams.provisioningStatus)) {
      return result(ctx, 'license', {
        status: 'fail',
        summary: `The account has ${name}, but its Microsoft Teams plan (TEAMS1) is ${teams.provisioningStatus}.`,
        evidence: [lic.evidence],
        remedy: ['Turn on "Microsoft Teams" inside the Teams Rooms license for this account (Licenses and apps › Apps).'],
      });
    }
    return result(ctx, 'license', { status: 'pass', summary: `The account has ${name} with Microsoft Teams enabled.`, evidence: [lic.evidence] });
  }
  const teamsOk = ctx.heartbeats().filter(teamsHealthy);
  if (ctx.sources.teamsLog || teamsOk.length > 0) {
    return result(ctx, 'license', {
      status: 'pass',
      summary: ctx.sources.teamsLog
        ? 'The Teams log has no license error (get_skype_license … licenseError).'
        : 'Heartbeats report Teams Signin status Healthy, which needs a valid license.',
      evidence: teamsOk.length ? [teamsOk.at(-1)?.evidence].filter((e): e is NonNullable<typeof e> => !!e) : [],
    });
  }
  return unknown(ctx, 'license');
}
