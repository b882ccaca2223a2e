// The `mtr-doctor` executable (dist/cli/mtr-doctor.js): loads only the bundle the command needs, so
// `mtr-doctor evtx` starts without compiling the whole CLI, and loads it with its code cache (code-cache.ts).
import path from 'node:path';
import { loadBundle } from './code-cache';

const entry = process.argv[2] === 'evtx' ? 'mtr-doctor-evtx.js' : 'mtr-doctor-all.js';
// A run-time load of a sibling bundle, which the bundler leaves alone.
const bundle = loadBundle(path.join(__dirname, entry));
// The build's warm-up runs (scripts/build.mjs) save what they compiled.
if (process.env.MTR_DOCTOR_WRITE_CODE_CACHE === '1') process.once('exit', () => bundle.saveCache());
(bundle.exports as { cli(): void }).cli();
