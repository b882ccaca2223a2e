// `mtr-doctor analyze [bundle] [--format text|json|html|pdf] [--out FILE]`: the seven checks, headless.
// Exit 0 when no check fails, 1 when one does, 2 when the input cannot be analysed.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { assembleBundle, readBundleEvidence } from '../analysis/analyze-bundle';
import { assetsDir } from '../app/paths';
import { BundleError } from '../bundle/errors';
import { readSampleCatalog } from '../bundle/samples';
import { AppTemp } from '../fs/app-temp';
import type { AnalysisResult } from '../model/analysis';
import { renderReportHtml } from '../report/html';
import { renderPdf, type Paper } from '../report/pdf';
import { renderReportText } from '../report/text';
import { analyzeTenant, MissingAccountError } from '../analysis/analyze-tenant';
import { AuthProblemError } from '../auth/problems';
import type { BundleEvidence } from '../evidence/from-bundle';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, writeLine, type CliIo } from './io';
import { CliInputError, signInWithDeviceCode, tenantSettings } from './tenant-sign-in';

export const ANALYZE_USAGE = `mtr-doctor analyze [bundle.zip|folder] [--format text|json|html|pdf] [--out FILE] [--paper a4|letter] [--notes TEXT]
      [--tenant ID|DOMAIN --account UPN [--client-id GUID] [--cloud global|usgov|dod|china] [--days N] [--per-user-mfa]]`;
const FORMATS = ['text', 'json', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

export interface AnalyzeDeps {
  tempRoot?: string;
  now?: Date;
  /** Where the embedded sample bundles are (the default input). */
  samplesDir?: string;
}

async function defaultBundle(samplesDir: string): Promise<string> {
  const catalog = await readSampleCatalog(samplesDir);
  const s = catalog.samples.find((x) => x.id === catalog.default);
  if (!s) throw new BundleError('not-found', 'catalog.json', `The sample catalog names "${catalog.default}" as default, but it is not listed.`);
  return path.join(samplesDir, s.file);
}

/**
 * 0 only for an all-clear: no check fails and none is unknown (an unknown check is not a pass). 1 otherwise.
 * 2 when nothing in the input could be evaluated (not a device bundle, every source unreadable).
 */
export function exitCodeFor(result: AnalysisResult): number {
  if (result.nothingEvaluated) return EXIT_BAD_INPUT;
  return result.checks.some((c) => c.status === 'fail' || c.status === 'unknown') ? EXIT_FINDINGS : EXIT_OK;
}

export async function runAnalyzeCommand(argv: string[], io: CliIo, deps: AnalyzeDeps = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        out: { type: 'string' },
        paper: { type: 'string', default: 'a4' },
        notes: { type: 'string', default: '' },
        tenant: { type: 'string' },
        account: { type: 'string' },
        'client-id': { type: 'string' },
        cloud: { type: 'string', default: 'global' },
        days: { type: 'string', default: '7' },
        'per-user-mfa': { type: 'boolean', default: false },
        // Custom endpoints (a test tenant, a private cloud): https origins.
        'login-url': { type: 'string' },
        'graph-url': { type: 'string' },
      },
    });
  } catch (err) {
    writeLine(io.stderr, `mtr-doctor: ${(err as Error).message}\nusage: ${ANALYZE_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const { values, positionals } = parsed;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    writeLine(io.stderr, `mtr-doctor: --format must be one of ${FORMATS.join(', ')}, not "${values.format}".`);
    return EXIT_BAD_INPUT;
  }
  const paper: Paper = values.paper?.toLowerCase() === 'letter' ? 'Letter' : 'A4';
  if (positionals.length > 1) {
    writeLine(io.stderr, `usage: ${ANALYZE_USAGE}`);
    return EXIT_BAD_INPUT;
  }

  const temp = new AppTemp(deps.tempRoot ?? path.join(os.tmpdir(), 'mtr-doctor'));
  const withTenant = values.tenant !== undefined;
  if (!withTenant && values.account) {
    writeLine(io.stderr, 'mtr-doctor: --account needs --tenant (the account is looked up in that tenant).');
    return EXIT_BAD_INPUT;
  }
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 30) {
    writeLine(io.stderr, `mtr-doctor: --days must be a whole number from 1 to 30 (Entra keeps sign-ins 30 days), not "${values.days}".`);
    return EXIT_BAD_INPUT;
  }
  let result: AnalysisResult;
  try {
    // With --tenant and no bundle, Graph alone is analysed; otherwise the bundle (given or the sample).
    const input = positionals[0] ?? (withTenant ? null : await defaultBundle(deps.samplesDir ?? path.join(assetsDir(), 'samples')));
    if (!positionals[0] && input) writeLine(io.stderr, `mtr-doctor: no bundle given, analysing the sample ${path.relative(process.cwd(), input) || input}`);
    let bundle: { name: string; evidence: BundleEvidence } | undefined;
    if (input) {
      const opened = await readBundleEvidence(input, { temp });
      await opened.bundle.close();
      bundle = { name: path.basename(input), evidence: opened.evidence };
    }
    if (withTenant) {
      const settings = tenantSettings({
        tenant: values.tenant as string,
        clientId: values['client-id'],
        cloud: values.cloud as string,
        loginUrl: values['login-url'],
        graphUrl: values['graph-url'],
        perUserMfa: values['per-user-mfa'] as boolean,
      });
      const auth = await signInWithDeviceCode(settings, io);
      result = await analyzeTenant({
        auth,
        ...(settings.endpoints ? { graphBaseUrl: settings.endpoints.graphUrl } : { cloud: settings.cloud }),
        account: values.account ?? null,
        days,
        bundle,
        tenantName: settings.tenant,
        now: deps.now,
        onProgress: (p) => {
          if (p.waitingSeconds) writeLine(io.stderr, `mtr-doctor: Graph asked to wait ${p.waitingSeconds} s (throttled)…`);
        },
      });
      for (const w of result.warnings.filter((x) => x.source.startsWith('graph:'))) writeLine(io.stderr, `mtr-doctor: ${w.source}: ${w.message}`);
    } else {
      const only = bundle as { name: string; evidence: BundleEvidence };
      result = assembleBundle(only.name, only.evidence, deps.now);
    }
  } catch (err) {
    if (err instanceof BundleError || err instanceof CliInputError || err instanceof MissingAccountError) {
      writeLine(io.stderr, `mtr-doctor: ${err.message}`);
      return EXIT_BAD_INPUT;
    }
    if (err instanceof AuthProblemError) {
      writeLine(io.stderr, `mtr-doctor: ${err.problem.title}: ${err.problem.message} ${err.problem.action}`);
      return EXIT_BAD_INPUT;
    }
    throw err;
  }

  if (result.nothingEvaluated) {
    writeLine(io.stderr, `mtr-doctor: nothing could be analysed: ${result.warnings[0]?.message ?? 'no source held evidence for any check.'}`);
  }
  let output: string | Buffer;
  if (format === 'json') output = `${JSON.stringify(result, null, 2)}\n`;
  else if (format === 'text') output = renderReportText(result);
  else {
    const html = renderReportHtml(result, { notes: values.notes });
    if (format === 'html') output = html;
    else {
      try {
        output = await renderPdf(html, { paper });
      } catch (err) {
        writeLine(io.stderr, `mtr-doctor: ${(err as Error).message}`);
        return EXIT_BAD_INPUT;
      }
    }
  }
  const out = values.out ?? (format === 'pdf' ? `${path.basename(result.input.name).replace(/\.zip$/i, '')}-findings.pdf` : undefined);
  if (out) {
    await writeFile(out, output);
    writeLine(io.stderr, `mtr-doctor: wrote ${out}`);
  } else io.stdout.write(output);
  return exitCodeFor(result);
}
