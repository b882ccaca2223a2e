// The corpus lane's global setup: one visible line when the real-world corpus is absent, and a
// failure before any test runs where it is required (CI, the release build, MTR_REQUIRE_CORPUS=1).
import { corpusAbsence, corpusRequired } from './corpus-location';

export default function setup(): void {
  const absent = corpusAbsence();
  if (!absent) return;
  if (corpusRequired()) throw new Error(`The corpus lane requires the real-world EVTX corpus here (CI or MTR_REQUIRE_CORPUS=1): ${absent}`);
  console.warn(
    `\n[corpus lane] SKIPPED the real-world EVTX corpus tests: ${absent}\n` +
      '[corpus lane] Still run: the EVTX writer\'s files, the generated golden logs and the crafted damage cases.\n',
  );
}
