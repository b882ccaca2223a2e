// Selectors: each component subscribes to the few values it shows. Actions never change, so picking them is free.
import { useShallow } from 'zustand/react/shallow';
import { useWizard } from './index';
import type { WizardState } from './wizard-state';

/** Several values at once, re-rendering only when one of them changes. */
export function useWizardPick<K extends keyof WizardState>(...keys: K[]): Pick<WizardState, K> {
  return useWizard(useShallow((s) => Object.fromEntries(keys.map((k) => [k, s[k]])) as Pick<WizardState, K>));
}

/** What the tenant-only run was about: its domain from settings, else the analysis input name. */
export function tenantLabel(s: Pick<WizardState, 'tenant' | 'analysis'>): string | null {
  if (!s.analysis || s.analysis.input.kind === 'bundle') return null;
  const domain = s.tenant?.settings?.tenant;
  const isGuid = (t: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t);
  if (domain && !isGuid(domain)) return domain;
  const account = s.analysis.device.account ?? s.tenant?.account?.username;
  return account?.includes('@') ? account.split('@')[1] ?? null : s.analysis.input.name;
}
