// Errors from main as the technician reads them.
import { ApiError } from '../call-main';
import type { Problem, SettingsField } from './wizard-state';

/** What to do about each settings field, in the form's own words: main's validation names fields by their keys. */
const FIELD_HELP: Record<SettingsField, string> = {
  clientId: 'Enter the Application (client) ID of your app registration: a GUID such as 00000000-0000-0000-0000-000000000000.',
  tenant: 'Enter the tenant ID (a GUID) or a domain such as contoso.onmicrosoft.com.',
  cloud: 'Choose the cloud the tenant is in.',
};

/**
 * "clientId: the Application (client) ID, a GUID; tenant: …" → one message per field.
 * Unknown keys stay in the banner text.
 */
export function settingsFieldProblems(message: string): Partial<Record<SettingsField, string>> | null {
  const fields: Partial<Record<SettingsField, string>> = {};
  for (const part of message.split('; ')) {
    const m = /^(clientId|tenant|cloud): (.+)$/.exec(part);
    if (!m) return null;
    fields[m[1] as SettingsField] = FIELD_HELP[m[1] as SettingsField];
  }
  return Object.keys(fields).length ? fields : null;
}

export function describe(err: unknown, cancelled = false): Problem {
  if (err instanceof ApiError) {
    const code = err.error.code;
    if (cancelled || code === 'cancelled' || code === 'auth:cancelled') {
      return { title: 'Cancelled', message: 'Nothing was changed.', tone: 'neutral' };
    }
    if (code === 'invalid-settings') {
      const fields = settingsFieldProblems(err.error.message);
      if (fields) return { title: 'Check the highlighted fields', message: Object.values(fields).join(' '), tone: 'error', fields };
    }
    if (code === 'save-failed') return { title: 'Not saved', message: `${err.error.message} Choose another place or name and save again.`, tone: 'error' };
    const title = code.startsWith('auth:') ? 'Sign-in or Microsoft Graph problem' : err.error.file ? `Cannot read ${err.error.file}` : 'That did not work';
    return { title, message: err.error.message, tone: 'error' };
  }
  if (cancelled) return { title: 'Cancelled', message: 'Nothing was changed.', tone: 'neutral' };
  return { title: 'Unexpected error', message: err instanceof Error ? err.message : String(err), tone: 'error' };
}
