// Check 7: does the account have a Teams Rooms license with Teams on? (Teams log get_skype_license … licenseError;
// from Graph: licenseDetails against the MTR SKU table)
import type { CheckResult } from '../model/analysis';
import type { LicenseFact } from '../model/facts';
import { result, when } from './compose';
import type { CheckContext, HealthSighting } from './context';
import type { Tables } from './tables';
import { decide } from './verdict';

interface LicenseState {
  ok: boolean;
  name: string | null;
  problem: string | null;
  fix?: string;
}

function licenseState(lic: LicenseFact, skus: Tables['skus']): LicenseState {
  const row = (s: LicenseFact['skus'][number]) => skus.roomSkus.find((r) => r.skuId.toLowerCase() === s.skuId.toLowerCase() || r.skuPartNumber === s.skuPartNumber);
  const byPlan = (s: LicenseFact['skus'][number]) => s.plans.some((p) => skus.roomServicePlans.some((r) => r.servicePlanId === p.servicePlanId || r.servicePlanName === p.servicePlanName));
  const room = lic.skus.find((s) => row(s)) ?? lic.skus.find(byPlan);
  const wrong = lic.skus.map((s) => skus.wrongSkus.find((w) => w.skuPartNumber === s.skuPartNumber)).find((w) => !!w);
  if (!room) {
    return {
      ok: false,
      name: null,
      problem: wrong
        ? `The account has ${wrong.name} (${wrong.skuPartNumber}) but no Teams Rooms license. ${wrong.why}`
        : `The account has no Teams Rooms license${lic.skus.length ? ` (it has: ${lic.skus.map((s) => s.skuPartNumber).join(', ')})` : ' (no licenses at all)'}.`,
    };
  }
  const name = row(room)?.name ?? room.skuPartNumber;
  const teams = room.plans.find((p) => skus.teamsPlans.some((t) => t.servicePlanId === p.servicePlanId || t.servicePlanName === p.servicePlanName));
  const plan = teams?.servicePlanName ?? row(room)?.teamsPlan ?? 'TEAMS1';
  if (!teams) {
    return { ok: false, name, problem: `The account has ${name}, but its license details list no Microsoft Teams plan (${plan}).`, fix: `Turn on "Microsoft Teams" inside the ${name} license for this account (Licenses and apps › Apps).` };
  }
  // Only Success is a working plan: Disabled, PendingActivation, PendingProvisioning … are not (yet) Teams.
  if (teams.provisioningStatus !== 'Success') {
    return { ok: false, name, problem: `The account has ${name}, but its Microsoft Teams plan (${plan}) is ${teams.provisioningStatus}, not Success.`, fix: `Turn on "Microsoft Teams" inside the ${name} license for this account (Licenses and apps › Apps), and wait until its status is Success.` };
  }
  return { ok: true, name, problem: null };
}

export function checkLicense(ctx: CheckContext, blockers: CheckResult[] = []): CheckResult {
  const logLines = ctx.of('teams-log').filter((f) => f.topic === 'license');
  const lic = ctx.of('license')[0];
  const state = lic ? licenseState(lic, ctx.tables.skus) : null;
  const action = 'The room cannot sign in to Teams because its account has no Teams Rooms license. Assign a Teams Rooms Pro or Basic license to the room account.';
  const at = ctx.now.toISOString();
  // A Teams Rooms license with Teams on, read from Entra now, is positive evidence.
  const graphHealth: HealthSighting[] =
    lic && state?.ok ? [{ time: at, lastTime: at, sustained: true, what: `${state.name} with Microsoft Teams enabled (Entra licenses)`, evidence: lic.evidence }] : [];
  const health = [...ctx.health('teams'), ...graphHealth];
  const base = { id: 'license' as const, blockers, aspect: 'teams' as const, sources: ['teams', 'srs', 'licenses'] as ('teams' | 'srs' | 'licenses')[] };

  if (lic && state && !state.ok && logLines.length === 0) {
    return result(ctx, 'license', {
      status: 'fail',
      summary: state.problem ?? '',
      evidence: [lic.evidence],
      remedy: state.fix ? [state.fix] : [],
      reason: { code: 'failing', text: state.problem ?? '' },
      action: state.fix ? 'The room\'s license has Microsoft Teams turned off. Turn on Microsoft Teams in the room account\'s Teams Rooms license.' : action,
    });
  }
  if (logLines.length > 0) {
    const files = [...new Set(logLines.map((l) => l.evidence.source))];
    return decide(ctx, {
      ...base,
      failures: logLines,
      health: state && !state.ok ? ctx.health('teams') : health,
      describe: ({ count, span }) =>
        `Teams refused the account for lack of a license: "get_skype_license … licenseError" ${count} in ${files.length === 1 ? files[0] : `${files.length} Teams logs`}, ${span}.${state && !state.ok ? ` ${state.problem}` : ''}`,
      remedy: state?.fix ? [state.fix] : [],
      passText: () => '',
      quietText: '',
      action,
      extraEvidence: lic ? [lic.evidence] : [],
    });
  }
  return decide(ctx, {
    ...base,
    failures: [],
    describe: () => '',
    remedy: [],
    health,
    passText: (last) =>
      last.what.includes('Entra licenses')
        ? `The account has ${last.what.replace(' (Entra licenses)', '')}.`
        : `Teams signs the account in, which needs a valid license: ${last.what} (${when(last.lastTime)}).`,
    quietText: 'The Teams log has no license error (get_skype_license … licenseError), but nothing shows Teams signed in either.',
  });
}
